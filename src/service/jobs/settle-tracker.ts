import type { TraceEntry } from '../trace/trace-entry.js'
import type { JobRecord, JobStore } from './job-store.js'
import type { JobStatus } from './job-spec.js'

/** How one job ended for `settle()`. */
export interface JobOutcome {
  jobId: string
  status: JobStatus
  settledBy: 'quiescent' | 'deadline' | 'never-dispatched'
}

/**
 * Decides when the worker is done with a job, from the trace alone (plus the
 * timeouts the store reports). A job is quiescent when nothing more is
 * expected of the worker (its claim was refused, its result accepted, it
 * timed out, or it sits dispatched but unclaimed) and the worker has since
 * made `quiescentPolls` PollForJobs calls without touching it again.
 */
export class SettleTracker {
  #polls = 0
  /** Poll count at the last moment each job was touched (dispatched, named in a call, timed out). */
  readonly #touchedAt = new Map<string, number>()
  /** Jobs whose latest call was a result the service refused: the worker tried to report, so it owes nothing more once it has moved on. */
  readonly #reportRefused = new Set<string>()
  readonly #store: JobStore
  readonly #quiescentPolls: number

  constructor(store: JobStore, quiescentPolls: number) {
    this.#store = store
    this.#quiescentPolls = quiescentPolls
  }

  observe(entry: TraceEntry): void {
    if (entry.operation === 'PollForJobs') {
      this.#polls++
      const jobs = (entry.response.body as { jobs?: { id?: unknown }[] } | undefined)?.jobs ?? []
      for (const job of jobs) if (typeof job.id === 'string') this.touch(job.id)
    }
    if (entry.jobId !== undefined) {
      this.touch(entry.jobId)
      const refusedResult = RESULT_OPERATIONS.has(entry.operation) && entry.response.status !== 200
      if (refusedResult) this.#reportRefused.add(entry.jobId)
      else this.#reportRefused.delete(entry.jobId)
    }
  }

  touch(jobId: string): void {
    this.#touchedAt.set(jobId, this.#polls)
  }

  isSettled(jobId: string): boolean {
    const job = this.#store.get(jobId)
    const touched = this.#touchedAt.get(jobId)
    if (!job || touched === undefined) return false
    if (!nothingExpected(job) && !(job.status === 'InProgress' && this.#reportRefused.has(jobId))) return false
    return this.#polls - touched >= this.#quiescentPolls
  }

  outcome(jobId: string, settledBy: JobOutcome['settledBy']): JobOutcome {
    const job = this.#store.get(jobId)
    const status = job?.status ?? 'Created'
    if (settledBy === 'deadline' && (job === undefined || job.dispatches.length === 0)) return { jobId, status, settledBy: 'never-dispatched' }
    return { jobId, status, settledBy }
  }
}

const RESULT_OPERATIONS = new Set(['PutJobSuccessResult', 'PutJobFailureResult'])

/** Whether the worker can be expected to do nothing more with the job. */
function nothingExpected(job: JobRecord): boolean {
  if (job.dispatches.length === 0) return false
  if (job.status === 'Queued') return false
  if (job.status === 'InProgress') return job.holder === 'another-worker'
  return true
}
