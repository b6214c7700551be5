import { POLL_001 } from '../../src/rules/catalogue/poll-001.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([POLL_001])
