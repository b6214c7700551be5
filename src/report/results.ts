import type { TraceEntry } from '../service/trace/trace-entry.js'

/**
 * The one results model. Every report (console, JSON, JUnit, HTML) is a
 * rendering of this object; nothing a renderer shows may come from elsewhere.
 */
export const RESULTS_SCHEMA_VERSION = 1

export type Verdict = 'pass' | 'fail' | 'n/a' | 'error' | 'unknown'
export type RuleLevel = 'MUST' | 'SHOULD'

/** One line the worker printed, with the time it arrived (ms since the fake service started). */
export interface OutputLine {
  at: number
  stream: 'stdout' | 'stderr'
  text: string
}

/** One broken expectation, in domain words: what was acceptable against what happened. */
export interface Finding {
  jobId?: string
  /** Trace seq of the call that showed the violation, when one call did. */
  seq?: number
  message: string
  expected: string[]
  actual: string
}

/** The smallest scenario that broke the rule, with everything needed to understand and replay it. */
export interface Counterexample {
  /** The scenario as plain data (what the fake service was told to do). */
  scenario: unknown
  /** How many times fast-check shrank the first failing scenario to reach this one. */
  shrinks: number
  findings: Finding[]
  /** The calls of this scenario in order. */
  trace: TraceEntry[]
  /** The worker's output while this scenario ran (bounded). */
  workerOutput: OutputLine[]
  /** One shell command that re-runs exactly this scenario against the worker. */
  replay: string
}

export interface RuleResult {
  id: string
  area: string
  level: RuleLevel
  title: string
  /** The requirement sentence, RFC 2119 voice. */
  requirement: string
  rationale: string
  sources: string[]
  verdict: Verdict
  /** One line explaining the verdict (why n/a, unknown or error; what failed). */
  summary: string
  /** Scenarios played for this rule, shrink runs included. */
  scenariosRun: number
  durationMs: number
  counterexample?: Counterexample
}

export interface Results {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION
  tool: { name: string; version: string }
  catalogueVersion: string
  worker: {
    /** The path the user named (folder or module). */
    path: string
    command: string[] | string
    actionType: { category: string; owner: string; provider: string; version: string }
    mode: 'process' | 'in-process'
    /** Where the config came from: the config file (relative to the working directory), or `flags` for a command given after `--`. */
    configSource: string
    /** The worker config as conform used it, defaults applied. */
    config: Record<string, unknown>
    /** `sha256:` and the hex digest of the config as canonical JSON (keys sorted): equal hashes, equal configs. */
    configHash: string
    /** Each time the worker exited on its own during the run; conform restarted it every time. */
    exits?: { at: number; pid: number; code: number | null; signal: string | null; hung?: boolean }[]
  }
  /** The command line that produced this run. */
  command: string
  seed: number
  /** Scenarios asked for per rule (fast-check numRuns). */
  runs: number
  selection: {
    /** The --rule and --level filters as the user gave them (empty: everything). */
    requested: string[]
    /** IDs of the rules that were selected to run (this shard's share when sharded). */
    rules: string[]
    /** IDs of the selected rules that were actually played against the worker. */
    ran: string[]
    /** Selected SHOULD rules the worker config skips (`skip`), each with the config's reason; verdict n/a. */
    skipped: { id: string; reason: string }[]
    /** Selected rules that do not apply to this worker (a capability it lacks or has no settings for), each with why; verdict n/a. */
    notApplicable: { id: string; reason: string }[]
  }
  node: string
  startedAt: string
  finishedAt: string
  durationMs: number
  /** False when the run ended early (timeout, interrupt, crash): its verdicts are not the whole truth. */
  complete: boolean
  /** Why an incomplete run ended early, in one sentence. */
  interruption?: string
  /**
   * True when the run was started with `--strict`: a failed SHOULD rule then
   * fails the run as a MUST rule does. Absent in results written before the
   * flag existed, which read as false.
   */
  strict?: boolean
  /** Set when this run is one shard of a split run (`--shard index/count`); merge the shards with `conform report merge`. */
  shard?: { index: number; count: number }
  /** Calls the fake service answered during the run (CodePipeline and S3), for calls per second. */
  callsServed?: number
  rules: RuleResult[]
  totals: Record<Verdict, number> & { scenarios: number }
}
