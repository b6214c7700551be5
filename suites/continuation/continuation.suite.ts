import { CONT_001 } from '../../src/rules/catalogue/cont-001.js'
import { CONT_002 } from '../../src/rules/catalogue/cont-002.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([CONT_001, CONT_002])
