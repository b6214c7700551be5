import { NONCE_001 } from '../../src/rules/catalogue/nonce-001.js'
import { NONCE_002 } from '../../src/rules/catalogue/nonce-002.js'
import { NONCE_003 } from '../../src/rules/catalogue/nonce-003.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([NONCE_001, NONCE_002, NONCE_003])
