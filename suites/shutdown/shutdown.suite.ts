import { SHUT_001 } from '../../src/rules/catalogue/shut-001.js'
import { SHUT_002 } from '../../src/rules/catalogue/shut-002.js'
import { SHUT_003 } from '../../src/rules/catalogue/shut-003.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([SHUT_001, SHUT_002, SHUT_003])
