import { ConformError } from '../../errors/conform-error.js'
import { generateArtifactCredentials, type ArtifactCredentials } from './artifact-credentials.js'
import { assertJobSendable } from './check-job-spec.js'
import type { ActionTypeId, ArtifactSpec, JobSpec, JobStatus } from './job-spec.js'

/** Who holds an InProgress job: the worker under test, or the imaginary rival of a 'stolen' job. */
export type JobHolder = 'worker' | 'another-worker'

/** The fake's live state for one job. Internal: callers outside the service see a JobView. */
export interface JobRecord {
  readonly spec: JobSpec
  status: JobStatus
  holder: JobHolder | undefined
  readonly dispatches: { nonce: string; at: number }[]
  readonly artifactCredentials: ArtifactCredentials
}

/** A read-only snapshot of one job, as `FakeService.job()` returns it. */
export interface JobView {
  id: string
  status: JobStatus
  dispatches: { nonce: string; at: number }[]
  artifactCredentials: ArtifactCredentials
}

export interface JobStoreOptions {
  jobTimeoutMs: number
  now: () => number
  /** Called after a status change the trace does not show by itself (a timeout). */
  onTimeout: (job: JobRecord) => void
}

const sameType = (a: ActionTypeId, b: ActionTypeId): boolean =>
  a.category === b.category && a.owner === b.owner && a.provider === b.provider && a.version === b.version

/**
 * Every job the fake knows, in enqueue order, with the status machine
 * Queued -> Dispatched -> InProgress -> Succeeded | Failed | TimedOut.
 */
export class JobStore {
  readonly #jobs = new Map<string, JobRecord>()
  readonly #byAccessKey = new Map<string, JobRecord>()
  readonly #timers = new Map<string, NodeJS.Timeout>()
  readonly #options: JobStoreOptions

  constructor(options: JobStoreOptions) {
    this.#options = options
  }

  enqueue(spec: JobSpec): JobRecord {
    if (this.#jobs.has(spec.id)) {
      throw new ConformError('CONFORM_INTERNAL', `conform: job ${spec.id} is already queued in the fake service; every scenario job needs a fresh id.`)
    }
    const record: JobRecord = {
      spec,
      status: 'Queued',
      holder: undefined,
      dispatches: [],
      artifactCredentials: generateArtifactCredentials(new Set(this.#byAccessKey.keys())),
    }
    assertJobSendable(record)
    this.#jobs.set(spec.id, record)
    this.#byAccessKey.set(record.artifactCredentials.accessKeyId, record)
    return record
  }

  get(id: string): JobRecord | undefined {
    return this.#jobs.get(id)
  }

  byAccessKeyId(accessKeyId: string | undefined): JobRecord | undefined {
    return accessKeyId === undefined ? undefined : this.#byAccessKey.get(accessKeyId)
  }

  /** Jobs naming this S3 object among their artifacts (inputs, outputs or both). */
  ownersOf(bucket: string, key: string, which: 'input' | 'output' | 'any' = 'any'): JobRecord[] {
    const names = (artifacts: ArtifactSpec[]): boolean => artifacts.some((a) => a.bucketName === bucket && a.objectKey === key)
    return [...this.#jobs.values()].filter(
      (job) => (which !== 'output' && names(job.spec.inputArtifacts)) || (which !== 'input' && names(job.spec.outputArtifacts)),
    )
  }

  knowsBucket(bucket: string): boolean {
    for (const job of this.#jobs.values()) {
      if ([...job.spec.inputArtifacts, ...job.spec.outputArtifacts].some((a) => a.bucketName === bucket)) return true
    }
    return false
  }

  /** Hands out up to `max` Queued jobs of exactly this type, oldest first, each with the nonce of this dispatch. */
  dispatch(actionTypeId: ActionTypeId, max: number): JobRecord[] {
    const taken: JobRecord[] = []
    for (const job of this.#jobs.values()) {
      if (taken.length >= max) break
      if (job.status !== 'Queued' || !sameType(job.spec.actionTypeId, actionTypeId)) continue
      job.status = 'Dispatched'
      job.holder = undefined
      job.dispatches.push({ nonce: nextNonce(job), at: this.#options.now() })
      taken.push(job)
    }
    return taken
  }

  /** Moves a job to `status`; entering InProgress starts its timeout, leaving it clears the timer. */
  setStatus(job: JobRecord, status: JobStatus, holder?: JobHolder): void {
    job.status = status
    job.holder = status === 'InProgress' ? (holder ?? 'worker') : undefined
    this.#clearTimer(job.spec.id)
    if (status !== 'InProgress') return
    const timer = setTimeout(() => {
      this.#timers.delete(job.spec.id)
      if (job.status !== 'InProgress') return
      job.status = 'TimedOut'
      job.holder = undefined
      this.#options.onTimeout(job)
    }, this.#options.jobTimeoutMs)
    timer.unref()
    this.#timers.set(job.spec.id, timer)
  }

  view(id: string): JobView | undefined {
    const job = this.#jobs.get(id)
    if (!job) return undefined
    return {
      id,
      status: job.status,
      dispatches: job.dispatches.map((d) => ({ ...d })),
      artifactCredentials: { ...job.artifactCredentials },
    }
  }

  close(): void {
    for (const id of [...this.#timers.keys()]) this.#clearTimer(id)
  }

  #clearTimer(id: string): void {
    const timer = this.#timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    this.#timers.delete(id)
  }
}

/** The spec's next unused nonce, or a fresh one derived from the dispatch count when they run out. */
function nextNonce(job: JobRecord): string {
  const used = new Set(job.dispatches.map((d) => d.nonce))
  const planned = job.spec.nonces[job.dispatches.length]
  if (planned !== undefined && !used.has(planned)) return planned
  let n = job.dispatches.length + 1
  while (used.has(String(n)) || job.spec.nonces.includes(String(n))) n++
  return String(n)
}
