import { TIME_001 } from '../../src/rules/catalogue/time-001.js'
import { TIME_002 } from '../../src/rules/catalogue/time-002.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([TIME_001, TIME_002])
