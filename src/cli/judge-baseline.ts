import { displayPath } from '../config/display-path.js'
import { compareWithBaseline, improvementEdit, type BaselineChange } from '../report/baseline.js'
import type { Results } from '../report/results.js'
import { readBaseline } from './baseline-file.js'

/**
 * `--baseline FILE`: the run fails only on regressions against the baseline,
 * and says exactly how to record improvements. Returns the exit code that
 * replaces the usual one: 1 for a regression, 2 for a run that ended early
 * (its missing rules would read as regressions that are not), else 0.
 */
export async function judgeAgainstBaseline(results: Results, options: { baseline: string; resultsFile: string; write: (text: string) => void }): Promise<0 | 1 | 2> {
  const baseline = await readBaseline(options.baseline)
  const comparison = compareWithBaseline(results, baseline)
  const file = displayPath(options.baseline)
  const { regressions, improvements } = comparison
  if (regressions.length > 0) {
    options.write(`conform: ${regressions.length} regression(s) against ${file}: ${regressions.map(describe).join('; ')}.\n`)
  } else {
    options.write(`conform: no regression against ${file} (${Object.keys(baseline.rules).length} rule(s) in the baseline).\n`)
  }
  if (improvements.length > 0) {
    options.write(
      `conform: ${improvements.length} rule(s) improved on ${file}: ${improvements.map(describe).join('; ')}. Record them with \`npx conform baseline update ${displayPath(options.resultsFile)} --baseline ${file}\`, which changes ${file} so:\n${improvementEdit(comparison).join('\n')}\n`,
    )
  }
  if (regressions.length > 0) return 1
  return results.complete ? 0 : 2
}

function describe(change: BaselineChange): string {
  return `${change.id} was ${change.was ?? 'not in the baseline'}, ${change.now === undefined ? 'missing from this run' : `now ${change.now}`}`
}
