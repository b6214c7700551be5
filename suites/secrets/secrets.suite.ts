import { SEC_001 } from '../../src/rules/catalogue/sec-001.js'
import { SEC_002 } from '../../src/rules/catalogue/sec-002.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([SEC_001, SEC_002])
