import { POLL_001 } from '../../src/rules/catalogue/poll-001.js'
import { POLL_002 } from '../../src/rules/catalogue/poll-002.js'
import { POLL_003 } from '../../src/rules/catalogue/poll-003.js'
import { POLL_004 } from '../../src/rules/catalogue/poll-004.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([POLL_001, POLL_002, POLL_003, POLL_004])
