import { OUTVAR_001 } from '../../src/rules/catalogue/outvar-001.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([OUTVAR_001])
