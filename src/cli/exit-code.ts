import { overallVerdict } from '../report/verdicts.js'
import type { Results } from '../report/results.js'

/**
 * 0: every MUST rule holds. 1: a MUST rule failed. 2: the run is not the
 * whole truth (cut short, a rule the harness could not judge, no rule judged
 * at all). The same reading as the reports' overall verdict, so CI and the
 * report never disagree.
 */
export function exitCodeFor(results: Results): 0 | 1 | 2 {
  const verdict = overallVerdict(results)
  return verdict === 'FAIL' ? 1 : verdict === 'INCOMPLETE' ? 2 : 0
}
