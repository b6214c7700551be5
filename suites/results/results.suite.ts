import { RESULT_001 } from '../../src/rules/catalogue/result-001.js'
import { RESULT_002 } from '../../src/rules/catalogue/result-002.js'
import { RESULT_003 } from '../../src/rules/catalogue/result-003.js'
import { RESULT_004 } from '../../src/rules/catalogue/result-004.js'
import { RESULT_005 } from '../../src/rules/catalogue/result-005.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([RESULT_001, RESULT_002, RESULT_003, RESULT_004, RESULT_005])
