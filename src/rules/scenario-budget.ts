import type { RuleDefinition } from './rule.js'

/** The default `--runs`: scenarios per rule in the default profile. */
export const DEFAULT_RUNS = 4

/**
 * A wait-bound rule (one with `maxRuns`) plays one scenario for every this
 * many that the other rules play.
 */
export const WAIT_BOUND_SHARE = 5

/**
 * How many scenarios a rule plays when the run asks for `runs` a rule.
 *
 * A wait-bound rule's scenarios each cost seconds of real time (a restart, a
 * back-off, a deadline) and differ in little, so it plays a share of `runs`:
 * at least one, at most its `maxRuns`. The default profile then stays within
 * seconds, and `--runs 20` still plays each of them several times.
 */
export function scenariosFor(rule: Pick<RuleDefinition, 'maxRuns'>, runs: number): number {
  if (rule.maxRuns === undefined) return runs
  return Math.min(runs, rule.maxRuns, Math.max(1, Math.ceil(runs / WAIT_BOUND_SHARE)))
}
