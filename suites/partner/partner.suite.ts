import { PARTNER_001 } from '../../src/rules/catalogue/partner-001.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([PARTNER_001])
