import type { Results, Verdict } from './results.js'

/**
 * The baseline ratchet. A baseline file records each rule's verdict from a
 * run the team accepted; a later run is judged against it instead of against
 * "every MUST rule holds", so a worker with known failures can gate CI today
 * and only ever get better. A regression is a rule that passed in the
 * baseline and does not pass now, or is missing from the run (a narrower
 * selection or a config change must not quietly drop a rule that held). An
 * improvement is a rule that passes now and did not (or is new).
 */
export const BASELINE_VERSION = 1

export interface Baseline {
  conformBaseline: typeof BASELINE_VERSION
  /** The catalogue the verdicts were judged against, for the reader; IDs are stable across versions. */
  catalogueVersion: string
  /** The worker the baseline was taken from, for the reader. */
  worker: string
  /** Rule id to its accepted verdict, in catalogue order. */
  rules: Record<string, Verdict>
}

export interface BaselineChange {
  id: string
  /** The verdict in the baseline; absent for a rule the baseline does not list. */
  was?: Verdict
  /** The verdict now; absent for a rule missing from the run. */
  now?: Verdict
}

export interface BaselineComparison {
  regressions: BaselineChange[]
  improvements: BaselineChange[]
  /** The baseline with the improvements written in (regressions never are: fix them or update on purpose). */
  updated: Baseline
}

/** A baseline taken from a run: every rule's verdict as it stands. */
export function baselineFrom(results: Results): Baseline {
  return {
    conformBaseline: BASELINE_VERSION,
    catalogueVersion: results.catalogueVersion,
    worker: results.worker.path,
    rules: Object.fromEntries(results.rules.map((rule) => [rule.id, rule.verdict])),
  }
}

export function compareWithBaseline(results: Results, baseline: Baseline): BaselineComparison {
  const now = new Map(results.rules.map((rule) => [rule.id, rule.verdict]))
  const regressions: BaselineChange[] = []
  const improvements: BaselineChange[] = []
  for (const [id, was] of Object.entries(baseline.rules)) {
    const verdict = now.get(id)
    if (was === 'pass' && verdict !== 'pass') regressions.push({ id, was, ...(verdict !== undefined ? { now: verdict } : {}) })
  }
  for (const [id, verdict] of now) {
    const was = baseline.rules[id]
    if (verdict === 'pass' && was !== 'pass') improvements.push({ id, ...(was !== undefined ? { was } : {}), now: verdict })
  }
  const rules = { ...baseline.rules }
  for (const change of improvements) rules[change.id] = 'pass'
  return { regressions, improvements, updated: { ...baseline, rules } }
}

/** The baseline file's text: stable key order, one rule a line, so its diff in review is one line per change. */
export function renderBaseline(baseline: Baseline): string {
  const rules = Object.entries(baseline.rules).map(([id, verdict]) => `    ${JSON.stringify(id)}: ${JSON.stringify(verdict)}`)
  return [
    '{',
    `  "conformBaseline": ${baseline.conformBaseline},`,
    `  "catalogueVersion": ${JSON.stringify(baseline.catalogueVersion)},`,
    `  "worker": ${JSON.stringify(baseline.worker)},`,
    `  "rules": {${rules.length > 0 ? `\n${rules.join(',\n')}\n  ` : ''}}`,
    '}',
    '',
  ].join('\n')
}

/**
 * The exact edit that records the improvements, as changed lines of the
 * baseline file (`-` the line as it is, `+` as it should be), so a reviewer
 * can apply it by hand or check what `conform baseline update` will write.
 */
export function improvementEdit(comparison: BaselineComparison): string[] {
  return comparison.improvements.flatMap((change) => [
    ...(change.was !== undefined ? [`-    ${JSON.stringify(change.id)}: ${JSON.stringify(change.was)}`] : []),
    `+    ${JSON.stringify(change.id)}: "pass"`,
  ])
}
