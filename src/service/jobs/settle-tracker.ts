import type { TraceEntry } from '../trace/trace-entry.js'
import { jobsListed, listedJobId, POLL_OPERATIONS } from '../trace/poll-answer.js'
import type { JobRecord, JobStore } from './job-store.js'
import type { JobStatus } from './job-spec.js'

/** How one job ended for `settle()`. */
export interface JobOutcome {
  jobId: string
  status: JobStatus
  settledBy: 'quiescent' | 'deadline' | 'never-dispatched'
  /** The continuation jobs queued after this one, in order, with their statuses (absent when there were none). */
  continuations?: { jobId: string; status: JobStatus }[]
}

/**
 * Decides when the worker is done with a job, from the trace alone (plus the
 * timeouts the store reports). A job is quiescent when nothing more is
 * expected of the worker (its claim was refused, its result accepted, it
 * timed out, or it sits dispatched but unclaimed) and the worker has since
 * made `quiescentPolls` PollForJobs (or PollForThirdPartyJobs) calls without touching it again.
 *
 * A job that was never handed out is settled too once the worker has made
 * `PASSED_OVER_POLLS` polls since it was queued that handed out nothing and
 * were not refused by an injected fault: the fake hands a queued job to the
 * first poll that matches it, so those polls ask for something else (another
 * action type, a malformed request). Waiting for the scenario deadline would
 * add seconds to every such scenario, and to each shrink of it.
 *
 * "The worker" is the instance that last touched the job, known by the access
 * key its polls are signed with: when replicas poll beside it (CONC-001),
 * their polls say nothing about whether it has moved on. Calls signed with a
 * key that never polled (S3 calls with artifact credentials) touch the job on
 * behalf of the instance that touched it before.
 */
export class SettleTracker {
  /** Polls so far, by the access key that signed them ('' for none). */
  readonly #polls = new Map<string, number>()
  /** The instance that last touched each job, and its poll count at that moment (dispatched, named in a call, timed out). */
  readonly #touchedAt = new Map<string, { key: string; polls: number }>()
  /** Polls that handed out nothing and met no fault, so far; and that count when each job was queued. */
  #emptyPolls = 0
  readonly #emptyPollsAtQueue = new Map<string, number>()
  /** Jobs whose latest call was a result the service refused: the worker tried to report, so it owes nothing more once it has moved on. */
  readonly #reportRefused = new Set<string>()
  readonly #store: JobStore
  readonly #quiescentPolls: number

  constructor(store: JobStore, quiescentPolls: number) {
    this.#store = store
    this.#quiescentPolls = quiescentPolls
  }

  observe(entry: TraceEntry): void {
    const key = entry.accessKeyId ?? ''
    if (POLL_OPERATIONS.has(entry.operation)) {
      this.#polls.set(key, (this.#polls.get(key) ?? 0) + 1)
      const jobs = jobsListed(entry)
      if (jobs.length === 0 && entry.fault === undefined) this.#emptyPolls++
      for (const job of jobs) {
        const id = listedJobId(job)
        if (id !== undefined) this.touch(id, key)
      }
    }
    if (entry.jobId !== undefined) {
      this.touch(entry.jobId, this.#polls.has(key) ? key : undefined)
      const refusedResult = RESULT_OPERATIONS.has(entry.operation) && entry.response.status !== 200
      if (refusedResult) this.#reportRefused.add(entry.jobId)
      else this.#reportRefused.delete(entry.jobId)
    }
  }

  /** The job was just queued: from now on, polls that pass it over count. */
  queued(jobId: string): void {
    this.#emptyPollsAtQueue.set(jobId, this.#emptyPolls)
  }

  /** Drops what is known of a job the store has forgotten. */
  forget(jobId: string): void {
    this.#touchedAt.delete(jobId)
    this.#reportRefused.delete(jobId)
    this.#emptyPollsAtQueue.delete(jobId)
  }

  /** The job was touched, by the instance signing with `key` (default: whoever touched it last). */
  touch(jobId: string, key: string | undefined = this.#touchedAt.get(jobId)?.key): void {
    const by = key ?? ''
    this.#touchedAt.set(jobId, { key: by, polls: this.#polls.get(by) ?? 0 })
  }

  /** A job is settled when the last job of its continuation chain is, and no continuation is still waiting to be queued. */
  isSettled(jobId: string): boolean {
    const chain = this.#store.chainOf(jobId)
    if (chain.some((id) => this.#store.get(id)?.continuationPending)) return false
    return this.#isSettledAlone(chain.at(-1) ?? jobId)
  }

  #isSettledAlone(jobId: string): boolean {
    const job = this.#store.get(jobId)
    const touched = this.#touchedAt.get(jobId)
    if (job && touched === undefined) return this.#passedOver(job)
    if (!job || touched === undefined) return false
    if (!nothingExpected(job) && !(job.status === 'InProgress' && this.#reportRefused.has(jobId))) return false
    return (this.#polls.get(touched.key) ?? 0) - touched.polls >= this.#quiescentPolls
  }

  #passedOver(job: JobRecord): boolean {
    const atQueue = this.#emptyPollsAtQueue.get(job.spec.id)
    return atQueue !== undefined && job.status === 'Queued' && job.dispatches.length === 0 && this.#emptyPolls - atQueue >= PASSED_OVER_POLLS
  }

  outcome(jobId: string, settledBy: JobOutcome['settledBy']): JobOutcome {
    const job = this.#store.get(jobId)
    const status = job?.status ?? 'Created'
    if (job === undefined || job.dispatches.length === 0) return { jobId, status, settledBy: 'never-dispatched' }
    const continuations = this.#store.chainOf(jobId).slice(1).map((id) => ({ jobId: id, status: this.#store.get(id)?.status ?? 'Created' }))
    return continuations.length > 0 ? { jobId, status, settledBy, continuations } : { jobId, status, settledBy }
  }
}

/** Polls that pass a queued job over before it counts as never to be handed out: a request in flight when it was queued is allowed for. */
const PASSED_OVER_POLLS = 5

const RESULT_OPERATIONS = new Set(['PutJobSuccessResult', 'PutJobFailureResult', 'PutThirdPartyJobSuccessResult', 'PutThirdPartyJobFailureResult'])

/** Whether the worker can be expected to do nothing more with the job. */
function nothingExpected(job: JobRecord): boolean {
  if (job.dispatches.length === 0) return false
  if (job.status === 'Queued') return false
  if (job.status === 'InProgress') return job.holder === 'another-worker'
  return true
}
