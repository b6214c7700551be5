import { ACK_001 } from './catalogue/ack-001.js'
import { ACK_002 } from './catalogue/ack-002.js'
import { NONCE_001 } from './catalogue/nonce-001.js'
import { NONCE_002 } from './catalogue/nonce-002.js'
import { RESULT_001 } from './catalogue/result-001.js'
import { RESULT_002 } from './catalogue/result-002.js'
import type { RuleDefinition } from './rule.js'

/** Bumped whenever a rule is added or its requirement changes. */
export const CATALOGUE_VERSION = '0.1.0'

/** Every rule, in the order reports list them. IDs are forever: never renumber, never reuse. */
export const RULES: readonly RuleDefinition[] = [ACK_001, ACK_002, NONCE_001, NONCE_002, RESULT_001, RESULT_002]

export function findRule(id: string): RuleDefinition | undefined {
  return RULES.find((rule) => rule.id === id)
}
