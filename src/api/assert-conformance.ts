import type { Results } from '../report/results.js'
import { explainOverall, overallVerdict } from '../report/verdicts.js'
import { runConformance, type RunConformanceOptions } from './run-conformance.js'

/** Thrown by assertConformance; carries the whole results for a test to inspect. */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure'
  constructor(readonly results: Results) {
    const failing = results.rules.filter((rule) => rule.verdict === 'fail' || rule.verdict === 'error')
    const lines = failing.map((rule) => `  ${rule.verdict.toUpperCase()} ${rule.id} (${rule.level}) ${rule.title}: ${rule.summary}${rule.counterexample ? `\n    replay: ${rule.counterexample.replay}` : ''}`)
    super([`conform: ${explainOverall(results)}`, ...lines].join('\n'))
  }
}

/**
 * Runs the rules like runConformance and throws ConformanceFailure unless
 * every MUST rule holds in a complete run: the one-line gate for a team's own
 * test suite.
 *
 * @example
 * import { assertConformance } from 'codepipeline-conform'
 * test('our worker follows the job protocol', async () => {
 *   await assertConformance({ worker: './worker', seed: 1 })
 * }, 120_000)
 */
export async function assertConformance(options: RunConformanceOptions): Promise<Results> {
  const results = await runConformance(options)
  if (overallVerdict(results) !== 'PASS') throw new ConformanceFailure(results)
  return results
}
