import type { Verdict } from '../report/results.js'

/**
 * What a run reports as it goes, for a progress display (the CLI's live
 * view per area) or a team's own logging. Events arrive in order: one
 * `run-start`, then `scenario-start` and `rule-done` interleaved (rules run
 * in parallel), nothing after `runConformance` returns.
 *
 * @example
 * await runConformance({ worker: './worker', onEvent: (event) => {
 *   if (event.type === 'rule-done') console.log(event.ruleId, event.verdict)
 * } })
 */
export type ProgressEvent =
  | {
      type: 'run-start'
      /** The rules that will be played, in catalogue order; n/a rules are announced as `rule-done` at once. */
      rules: { id: string; area: string }[]
      runs: number
      seed: number
    }
  | {
      type: 'scenario-start'
      /** The rule whose scenario this is (absent when the suite did not say). */
      ruleId?: string
      /** Scenarios started in the run so far, this one included. */
      started: number
    }
  | {
      type: 'rule-done'
      ruleId: string
      area: string
      verdict: Verdict
      scenariosRun: number
      durationMs: number
    }
