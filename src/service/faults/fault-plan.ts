import type { Fault, FaultScript, FaultStep } from './fault-script.js'

interface ArmedScript {
  script: FaultScript
  step: number
  /** Calls left in a `times` step. */
  left: number
  /** When the current step met its first call: a `forMs` step ends `forMs` after that. */
  since: number | undefined
  /** Scripts armed by a scenario as a whole are replaced by the next scenario's. */
  shared: boolean
}

/**
 * The fault scripts in force, and the one place that decides whether a call
 * is faulted. Spent scripts are dropped at once, so the plan stays as small
 * as the scripts still playing.
 *
 * @example
 * const plan = new FaultPlan(() => performance.now())
 * plan.arm([{ operations: ['PollForJobs'], steps: [{ kind: 'error', error: 'InternalFailure', times: 6 }] }])
 * plan.take('PollForJobs', undefined) // { kind: 'error', error: 'InternalFailure' }, six times
 */
export class FaultPlan {
  #armed: ArmedScript[] = []

  constructor(private readonly now: () => number) {}

  /** Arms scripts; `shared` ones (a scenario's, not a job's) are what `replaceShared` replaces. */
  arm(scripts: readonly FaultScript[], options: { shared?: boolean } = {}): void {
    for (const script of scripts) {
      if (script.steps.length === 0) continue
      this.#armed.push({ script, step: 0, left: timesOf(script.steps[0] as FaultStep), since: undefined, shared: options.shared ?? false })
    }
  }

  /** Drops the previous scenario's shared scripts (a fault window must not leak into the next scenario) and arms these. */
  replaceShared(scripts: readonly FaultScript[]): void {
    this.#armed = this.#armed.filter((armed) => !armed.shared)
    this.arm(scripts, { shared: true })
  }

  /** Drops every script bound to this job. */
  forgetJob(jobId: string): void {
    this.#armed = this.#armed.filter((armed) => armed.script.jobId !== jobId)
  }

  clear(): void {
    this.#armed = []
  }

  get size(): number {
    return this.#armed.length
  }

  /** The fault to play on this call, if a script claims it; consumes one use of the step. */
  take(operation: string, jobId: string | undefined): Fault | undefined {
    for (const armed of [...this.#armed]) {
      const { script } = armed
      if (!script.operations.includes(operation)) continue
      if (script.jobId !== undefined && script.jobId !== jobId) continue
      const step = this.#current(armed)
      if (!step) continue
      if (step.times !== undefined) {
        armed.left -= 1
        if (armed.left <= 0) this.#advance(armed)
      }
      return faultOf(step)
    }
    return undefined
  }

  /** The armed script's step in force now, moving past spent time windows; undefined (and dropped) once spent. */
  #current(armed: ArmedScript): FaultStep | undefined {
    for (;;) {
      const step = armed.script.steps[armed.step]
      if (!step) {
        this.#armed = this.#armed.filter((a) => a !== armed)
        return undefined
      }
      if (step.forMs === undefined) return step
      // A window opens with the first call it meets, so a slow worker meets it as surely as a fast one.
      armed.since ??= this.now()
      if (this.now() - armed.since < step.forMs) return step
      this.#advance(armed)
    }
  }

  #advance(armed: ArmedScript): void {
    armed.step += 1
    armed.since = undefined
    const next = armed.script.steps[armed.step]
    if (next) armed.left = timesOf(next)
    else this.#armed = this.#armed.filter((a) => a !== armed)
  }
}

const timesOf = (step: FaultStep): number => step.times ?? Number.POSITIVE_INFINITY

function faultOf(step: FaultStep): Fault {
  switch (step.kind) {
    case 'error':
      return { kind: 'error', error: step.error }
    case 'delay':
      return { kind: 'delay', ms: step.ms }
    default:
      return { kind: step.kind }
  }
}
