import type fc from 'fast-check'
import type { Finding, OutputLine, RuleLevel } from '../report/results.js'
import type { Capability } from './capability.js'
import type { Scenario, ScenarioContext } from '../scenarios/scenario.js'
import type { JobStatus } from '../service/jobs/job-spec.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import type { ScenarioEvents } from '../session/scenario-events.js'

/** How one job of a played scenario ended, as the fake service saw it. */
export interface JobOutcome {
  jobId: string
  status: JobStatus
  settledBy: 'quiescent' | 'deadline' | 'never-dispatched'
  /** The continuation jobs the fake queued after this one (its PutJobSuccessResult carried a token), in order. */
  continuations?: { jobId: string; status: JobStatus }[]
}

/** When a scenario's jobs were queued and when the session stopped waiting for them (settled, or the deadline), on the trace's clock (`at`, ms). */
export interface ScenarioSpan {
  queuedAt: number
  settledAt: number
}

/** Everything a rule may judge: what the service was told to do, what crossed the wire, and what the worker printed. */
export interface Evidence {
  scenario: Scenario
  trace: readonly TraceEntry[]
  outcomes: readonly JobOutcome[]
  /** Absent in evidence built by hand (rule tests): a rule that reads it judges without it as if the scenario had time to spare. */
  span?: ScenarioSpan
  /** The worker's stdout and stderr lines while the scenario played (bounded, as the session keeps them). */
  output: readonly OutputLine[]
  /** What the session did beyond queuing jobs (an idle stretch, a planned stop), when the scenario asked for it. */
  events?: ScenarioEvents
  /** Canary files the harness looked for on disk after the scenario (where a zip-slip would land), and whether each existed. */
  planted?: readonly { path: string; exists: boolean }[]
}

/**
 * A rule's judgement of one scenario. `pass` needs the situation to have
 * happened (a rule about InvalidNonceException passes only where one was
 * answered); otherwise the scenario is `unknown` for that rule, with a note.
 */
export interface Judgement {
  verdict: 'pass' | 'fail' | 'unknown'
  findings: Finding[]
  note?: string
}

export interface RuleDefinition {
  /** `AREA-NNN`, never renumbered, never reused. */
  id: string
  area: string
  level: RuleLevel
  title: string
  /** The requirement, in RFC 2119 voice. */
  requirement: string
  /** What the harness does to observe it. */
  observe: string
  rationale: string
  sources: string[]
  /** The catalogue version that added the rule. */
  since: string
  /** What the worker must be able to do for the rule to apply; a worker that lacks one gets n/a. */
  needs?: readonly Capability[]
  /**
   * Marks a wait-bound rule, whose every scenario costs seconds of real time
   * (a worker restart for a planned stop, a back-off waited out, a deadline
   * reached) while the scenarios differ in little: it plays a share of
   * `--runs` (see `scenariosFor`), and at most this many.
   */
  maxRuns?: number
  /** The scenarios that put a worker in the rule's situation. */
  scenario: (context: ScenarioContext) => fc.Arbitrary<Scenario>
  /** Pure: the same evidence always gives the same judgement. */
  check: (evidence: Evidence) => Judgement
}

/** Typed identity helper, so a rule file reads as data. */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule
}
