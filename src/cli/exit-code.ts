import type { Results } from '../report/results.js'

/**
 * 0: every MUST rule holds. 1: a MUST rule failed. 2: usage, config or
 * environment error, or a run that is not the whole truth: cut short, a rule
 * the harness could not judge, or no rule judged at all (every verdict
 * unknown or n/a: the worker was never put to the test).
 */
export function exitCodeFor(results: Results): 0 | 1 | 2 {
  const must = results.rules.filter((rule) => rule.level === 'MUST')
  if (must.some((rule) => rule.verdict === 'fail')) return 1
  if (!results.complete || results.rules.some((rule) => rule.verdict === 'error')) return 2
  if (!results.rules.some((rule) => rule.verdict === 'pass' || rule.verdict === 'fail')) return 2
  return 0
}
