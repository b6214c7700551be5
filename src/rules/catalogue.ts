import { ART_004 } from './catalogue/art-004.js'
import { ART_003 } from './catalogue/art-003.js'
import { SEC_002 } from './catalogue/sec-002.js'
import { ERR_003 } from './catalogue/err-003.js'
import { RESULT_005 } from './catalogue/result-005.js'
import { RESULT_004 } from './catalogue/result-004.js'
import { ART_006 } from './catalogue/art-006.js'
import { ART_005 } from './catalogue/art-005.js'
import { ACK_004 } from './catalogue/ack-004.js'
import { ACK_001 } from './catalogue/ack-001.js'
import { ACK_002 } from './catalogue/ack-002.js'
import { ACK_003 } from './catalogue/ack-003.js'
import { ACK_005 } from './catalogue/ack-005.js'
import { ART_001 } from './catalogue/art-001.js'
import { ART_002 } from './catalogue/art-002.js'
import { ERR_001 } from './catalogue/err-001.js'
import { ERR_002 } from './catalogue/err-002.js'
import { ERR_004 } from './catalogue/err-004.js'
import { NONCE_001 } from './catalogue/nonce-001.js'
import { NONCE_002 } from './catalogue/nonce-002.js'
import { NONCE_003 } from './catalogue/nonce-003.js'
import { POLL_001 } from './catalogue/poll-001.js'
import { POLL_002 } from './catalogue/poll-002.js'
import { POLL_003 } from './catalogue/poll-003.js'
import { POLL_004 } from './catalogue/poll-004.js'
import { RESULT_001 } from './catalogue/result-001.js'
import { RESULT_002 } from './catalogue/result-002.js'
import { RESULT_003 } from './catalogue/result-003.js'
import { SEC_001 } from './catalogue/sec-001.js'
import { TIME_001 } from './catalogue/time-001.js'
import { TIME_002 } from './catalogue/time-002.js'
import { OUTVAR_001 } from './catalogue/outvar-001.js'
import { CONT_001 } from './catalogue/cont-001.js'
import { CONT_002 } from './catalogue/cont-002.js'
import { PARTNER_001 } from './catalogue/partner-001.js'
import { SHUT_001 } from './catalogue/shut-001.js'
import { SHUT_002 } from './catalogue/shut-002.js'
import { SHUT_003 } from './catalogue/shut-003.js'
import { CONC_001 } from './catalogue/conc-001.js'
import { CONC_002 } from './catalogue/conc-002.js'
import type { RuleDefinition } from './rule.js'

/** Bumped whenever a rule is added or its requirement changes. */
export const CATALOGUE_VERSION = '0.5.0'

/**
 * Every rule, in the order reports list them: the order a job meets them
 * (poll, acknowledge, report, artifacts, secrets). IDs are forever: never
 * renumber, never reuse.
 */
export const RULES: readonly RuleDefinition[] = [
  POLL_001,
  POLL_002,
  POLL_003,
  POLL_004,
  ACK_001,
  ACK_002,
  ACK_003,
  ACK_004,
  ACK_005,
  NONCE_001,
  NONCE_002,
  NONCE_003,
  RESULT_001,
  RESULT_002,
  RESULT_003,
  RESULT_004,
  RESULT_005,
  OUTVAR_001,
  CONT_001,
  CONT_002,
  PARTNER_001,
  TIME_001,
  TIME_002,
  ERR_001,
  ERR_002,
  ERR_003,
  ERR_004,
  ART_001,
  ART_002,
  ART_003,
  ART_004,
  ART_005,
  ART_006,
  SEC_001,
  SEC_002,
  SHUT_001,
  SHUT_002,
  SHUT_003,
  CONC_001,
  CONC_002,
]

export function findRule(id: string): RuleDefinition | undefined {
  return RULES.find((rule) => rule.id === id)
}
