import { CONC_001 } from '../../src/rules/catalogue/conc-001.js'
import { CONC_002 } from '../../src/rules/catalogue/conc-002.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([CONC_001, CONC_002])
