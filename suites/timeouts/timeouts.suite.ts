import { TIME_002 } from '../../src/rules/catalogue/time-002.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([TIME_002])
