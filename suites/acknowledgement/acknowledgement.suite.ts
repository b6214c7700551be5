import { ACK_001 } from '../../src/rules/catalogue/ack-001.js'
import { ACK_002 } from '../../src/rules/catalogue/ack-002.js'
import { ACK_003 } from '../../src/rules/catalogue/ack-003.js'
import { ACK_005 } from '../../src/rules/catalogue/ack-005.js'
import { ACK_004 } from '../../src/rules/catalogue/ack-004.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([ACK_001, ACK_002, ACK_003, ACK_005, ACK_004])
