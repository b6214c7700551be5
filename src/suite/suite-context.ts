import type { Counterexample, Verdict } from '../report/results.js'
import type { ScenarioContext } from '../scenarios/scenario.js'

/** What the conform session hands the suites (through Vitest's provide/inject). Serialisable. */
export interface SuiteContext {
  controlUrl: string
  controlToken: string
  seed: number
  runs: number
  /** How long one scenario may take before its open jobs count as unknown. */
  scenarioDeadlineMs: number
  /** After the first failure, shrinking plays at most this many more scenarios... */
  shrinkBudget: number
  /** ...and stops starting new ones after this many milliseconds. */
  shrinkTimeMs: number
  scenario: ScenarioContext
  /** Replays one counterexample: the fast-check path for the named rule. */
  replay?: { ruleId: string; path: string }
  /**
   * The command that re-runs this worker, around the replay flags:
   * `npx conform fixtures/workers/reference` and '', or
   * `npx conform --action-type Build/P/1` and ` -- python3 worker.py`.
   */
  replayCommand: { before: string; after: string }
}

/** What a rule's test leaves in its task meta for the conform reporter. */
export interface RuleOutcome {
  ruleId: string
  verdict: Verdict
  summary: string
  scenariosRun: number
  durationMs: number
  counterexample?: Counterexample
}

declare module 'vitest' {
  export interface ProvidedContext {
    conform: SuiteContext
  }
}

// TaskMeta lives in @vitest/runner; augmenting it through 'vitest' would not merge.
declare module '@vitest/runner' {
  interface TaskMeta {
    conform?: RuleOutcome
  }
}
