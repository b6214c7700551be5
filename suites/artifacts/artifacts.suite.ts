import { ART_001 } from '../../src/rules/catalogue/art-001.js'
import { ART_002 } from '../../src/rules/catalogue/art-002.js'
import { ART_005 } from '../../src/rules/catalogue/art-005.js'
import { ART_006 } from '../../src/rules/catalogue/art-006.js'
import { ART_003 } from '../../src/rules/catalogue/art-003.js'
import { ART_004 } from '../../src/rules/catalogue/art-004.js'
import { ruleSuite } from '../../src/suite/rule-suite.js'

ruleSuite([ART_001, ART_002, ART_003, ART_004, ART_005, ART_006])
