import { RESULT_001 } from '../../src/rules/catalogue/result-001.js'
import { RESULT_002 } from '../../src/rules/catalogue/result-002.js'
import { RESULT_003 } from '../../src/rules/catalogue/result-003.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([RESULT_001, RESULT_002, RESULT_003])
