import { createHash } from 'node:crypto'

/**
 * Each rule draws its scenarios from its own seed, derived from the run's
 * seed and the rule id, so selecting fewer rules never changes what a rule sees.
 */
export function deriveSeed(runSeed: number, ruleId: string): number {
  return createHash('sha256').update(`${runSeed}:${ruleId}`).digest().readInt32BE(0)
}
