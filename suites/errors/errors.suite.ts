import { ERR_001 } from '../../src/rules/catalogue/err-001.js'
import { ERR_002 } from '../../src/rules/catalogue/err-002.js'
import { ERR_003 } from '../../src/rules/catalogue/err-003.js'
import { ERR_004 } from '../../src/rules/catalogue/err-004.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([ERR_001, ERR_002, ERR_003, ERR_004])
