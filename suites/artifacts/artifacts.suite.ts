import { ART_001 } from '../../src/rules/catalogue/art-001.js'
import { ART_002 } from '../../src/rules/catalogue/art-002.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([ART_001, ART_002])
