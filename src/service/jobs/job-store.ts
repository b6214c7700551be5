import { randomBytes, randomUUID } from 'node:crypto'
import { ConformError } from '../../errors/conform-error.js'
import { generateArtifactCredentials, type ArtifactCredentials } from './artifact-credentials.js'
import { assertJobSendable } from './check-job-spec.js'
import { resolveJobLife, type JobLifeSettings } from './job-life-settings.js'
import type { ActionTypeId, JobSpec, JobStatus } from './job-spec.js'
import { JobTimers } from './job-timers.js'

/** Who holds an InProgress job: the worker under test, or the imaginary rival of a 'stolen' job. */
export type JobHolder = 'worker' | 'another-worker'

/** One set of artifact credentials as issued: when, and until when S3 accepts it. */
export interface IssuedCredentials extends ArtifactCredentials {
  issuedAt: number
  expiresAt: number
}

/** The fake's live state for one job. Internal: callers outside the service see a JobView. */
export interface JobRecord {
  readonly spec: JobSpec
  /** The settings in force for this job: the service's, overridden by the spec's. */
  readonly life: JobLifeSettings
  status: JobStatus
  holder: JobHolder | undefined
  readonly dispatches: { nonce: string; at: number }[]
  /** The latest credentials issued (what PollForJobs and GetJobDetails hand out). */
  artifactCredentials: IssuedCredentials
  readonly issued: IssuedCredentials[]
  /** The action was stopped and abandoned while the job was InProgress. */
  abandoned: boolean
  /** The continuation job queued after this one's PutJobSuccessResult carried a token. */
  continuedBy: string | undefined
  /** A continuation was accepted and its job waits for `continuationDelayMs`. */
  continuationPending: boolean
  /** When the action execution began: this job's enqueue, or its chain's first job's. */
  readonly actionStartedAt: number
  /** A continuation was requested after the action execution's `actionTimeoutMs`: no job was queued and the action ended. */
  actionTimedOut: boolean
  /** How many polls the latest dispatch was handed to: 1, or up to `spec.race.polls` for a raced job. */
  handOuts: number
}

/** A read-only snapshot of one job, as `FakeService.job()` returns it. */
export interface JobView {
  id: string
  status: JobStatus
  dispatches: { nonce: string; at: number }[]
  artifactCredentials: ArtifactCredentials
  abandoned: boolean
  actionTimedOut: boolean
  continuationOf?: string
  continuedBy?: string
}

export interface JobStoreOptions {
  /** The service's settings; a job's spec may override them. */
  life: JobLifeSettings
  now: () => number
  /** Called after a change the trace does not show by itself (a timeout, a re-queue, an abandonment, a continuation queued). */
  onChange: (job: JobRecord) => void
  /**
   * How many finished jobs (Succeeded, Failed, TimedOut) are kept, most
   * recently finished first; older ones are forgotten (default 1,000), so a
   * long `conform serve` or bench run stays bounded. A forgotten job answers
   * as an unknown one (JobNotFoundException; its credentials unrecognised).
   */
  keepFinishedJobs?: number
  /** Called when a finished job is forgotten, so what is kept about it elsewhere (objects, settle state) goes too. */
  onForget?: (job: JobRecord) => void
}

/** Finished jobs kept by default: far more than one scenario's, few enough that 10,000 jobs stay in bounded memory. */
export const DEFAULT_KEEP_FINISHED_JOBS = 1000

const FINAL: ReadonlySet<JobStatus> = new Set(['Succeeded', 'Failed', 'TimedOut'])
const artifactId = (bucket: string, key: string): string => `${bucket}/${key}`

const sameType = (a: ActionTypeId, b: ActionTypeId): boolean =>
  a.category === b.category && a.owner === b.owner && a.provider === b.provider && a.version === b.version

/**
 * Every job the fake knows, in enqueue order, with the status machine
 * Queued -> Dispatched -> InProgress -> Succeeded | Failed | TimedOut:
 * a dispatch not acknowledged within `redispatchAfterMs` goes back to the
 * queue (its next dispatch has a new nonce); an InProgress job times out
 * after `jobTimeoutMs` or is abandoned after the spec's `abandonAfterMs`;
 * a success with a continuation token queues a new job carrying it.
 */
export class JobStore {
  readonly #jobs = new Map<string, JobRecord>()
  /** Jobs not finished, in enqueue order: what a poll looks through (finished ones never dispatch again). */
  readonly #live = new Map<string, JobRecord>()
  /** Finished jobs, oldest first; the oldest are forgotten past `keepFinishedJobs`. */
  readonly #finished = new Set<JobRecord>()
  /** The jobs naming each S3 object as an input or output artifact, and how many artifacts name each bucket. */
  readonly #inputsAt = new Map<string, Set<JobRecord>>()
  readonly #outputsAt = new Map<string, Set<JobRecord>>()
  readonly #buckets = new Map<string, number>()
  readonly #byAccessKey = new Map<string, { job: JobRecord; credentials: IssuedCredentials }>()
  readonly #timers = new JobTimers()
  readonly #options: JobStoreOptions

  constructor(options: JobStoreOptions) {
    this.#options = options
  }

  /** The service-wide settings (a job's own are `job.life`). */
  get life(): JobLifeSettings {
    return this.#options.life
  }

  enqueue(spec: JobSpec): JobRecord {
    if (this.#jobs.has(spec.id)) {
      throw new ConformError('CONFORM_INTERNAL', `conform: job ${spec.id} is already queued in the fake service; every scenario job needs a fresh id.`)
    }
    const life = resolveJobLife(this.#options.life, spec.life)
    const first = this.#credentials(life)
    const record: JobRecord = {
      spec,
      life,
      status: 'Queued',
      holder: undefined,
      dispatches: [],
      artifactCredentials: first,
      issued: [first],
      abandoned: false,
      continuedBy: undefined,
      continuationPending: false,
      actionStartedAt: (spec.continuationOf !== undefined ? this.#jobs.get(spec.continuationOf)?.actionStartedAt : undefined) ?? this.#options.now(),
      actionTimedOut: false,
      handOuts: 0,
    }
    assertJobSendable(record)
    this.#jobs.set(spec.id, record)
    this.#live.set(spec.id, record)
    this.#index(record, 1)
    this.#byAccessKey.set(first.accessKeyId, { job: record, credentials: first })
    return record
  }

  /** Adds (1) or removes (-1) the job in the artifact indexes. */
  #index(job: JobRecord, change: 1 | -1): void {
    const at = (index: Map<string, Set<JobRecord>>, bucket: string, key: string): void => {
      const id = artifactId(bucket, key)
      const jobs = index.get(id) ?? new Set<JobRecord>()
      if (change === 1) jobs.add(job)
      else jobs.delete(job)
      if (jobs.size === 0) index.delete(id)
      else index.set(id, jobs)
    }
    for (const [artifacts, index] of [[job.spec.inputArtifacts, this.#inputsAt], [job.spec.outputArtifacts, this.#outputsAt]] as const) {
      for (const artifact of artifacts) {
        at(index, artifact.bucketName, artifact.objectKey)
        const count = (this.#buckets.get(artifact.bucketName) ?? 0) + change
        if (count > 0) this.#buckets.set(artifact.bucketName, count)
        else this.#buckets.delete(artifact.bucketName)
      }
    }
  }

  /** Keeps the job's place among the live or the finished jobs in step with its status. */
  #placed(job: JobRecord): void {
    const id = job.spec.id
    if (!FINAL.has(job.status)) {
      if (this.#finished.delete(job)) this.#live.set(id, job)
      return
    }
    if (!this.#live.delete(id) && this.#finished.has(job)) return
    this.#finished.add(job)
    const keep = this.#options.keepFinishedJobs ?? DEFAULT_KEEP_FINISHED_JOBS
    for (const oldest of this.#finished) {
      if (this.#finished.size <= keep) break
      // A job whose continuation is still to be queued is part of a live chain.
      if (oldest.continuationPending) continue
      this.#forget(oldest)
    }
  }

  #forget(job: JobRecord): void {
    this.#finished.delete(job)
    this.#jobs.delete(job.spec.id)
    this.#index(job, -1)
    for (const issued of job.issued) if (this.#byAccessKey.get(issued.accessKeyId)?.job === job) this.#byAccessKey.delete(issued.accessKeyId)
    for (const kind of ['redispatch', 'timeout', 'abandon', 'continuation']) this.#timers.clear(`${job.spec.id}:${kind}`)
    this.#options.onForget?.(job)
  }

  /** How many jobs the store holds: the live ones and the finished ones it keeps. */
  get size(): { live: number; finished: number } {
    return { live: this.#live.size, finished: this.#finished.size }
  }

  /** Whether any job the store still keeps names this S3 object. */
  namesObject(bucket: string, key: string): boolean {
    const id = artifactId(bucket, key)
    return this.#inputsAt.has(id) || this.#outputsAt.has(id)
  }

  get(id: string): JobRecord | undefined {
    return this.#jobs.get(id)
  }

  byAccessKeyId(accessKeyId: string | undefined): { job: JobRecord; credentials: IssuedCredentials } | undefined {
    return accessKeyId === undefined ? undefined : this.#byAccessKey.get(accessKeyId)
  }

  /** Fresh artifact credentials for the job (GetJobDetails): the earlier ones stay valid until they expire. */
  refreshCredentials(job: JobRecord): IssuedCredentials {
    const fresh = this.#credentials(job.life)
    job.issued.push(fresh)
    job.artifactCredentials = fresh
    this.#byAccessKey.set(fresh.accessKeyId, { job, credentials: fresh })
    return fresh
  }

  /** Whether S3 still accepts these credentials. A spec with `credentialsAtDispatch: 'expired'` has its first set expire once dispatched. */
  credentialsExpired(job: JobRecord, credentials: IssuedCredentials): boolean {
    if (job.spec.credentialsAtDispatch === 'expired' && credentials === job.issued[0] && job.dispatches.length > 0) return true
    return this.#options.now() >= credentials.expiresAt
  }

  /** Jobs naming this S3 object among their artifacts (inputs, outputs or both). */
  ownersOf(bucket: string, key: string, which: 'input' | 'output' | 'any' = 'any'): JobRecord[] {
    const id = artifactId(bucket, key)
    const owners = new Set<JobRecord>([...(which !== 'output' ? (this.#inputsAt.get(id) ?? []) : []), ...(which !== 'input' ? (this.#outputsAt.get(id) ?? []) : [])])
    // In enqueue order, as a scan of the jobs would give them.
    return owners.size <= 1 ? [...owners] : [...this.#jobs.values()].filter((job) => owners.has(job))
  }

  knowsBucket(bucket: string): boolean {
    return this.#buckets.has(bucket)
  }

  /**
   * Hands out up to `max` Queued jobs of exactly this type, oldest first, each
   * with the nonce of this dispatch; each goes back to the queue if it is not
   * acknowledged within its `redispatchAfterMs`. A raced job's first dispatch
   * is handed out again, to the next polls (see `JobSpec.race`).
   */
  dispatch(actionTypeId: ActionTypeId, max: number, family: 'custom' | 'partner' = 'custom'): JobRecord[] {
    const taken: JobRecord[] = []
    for (const job of this.#live.values()) {
      if (taken.length >= max) break
      if (!sameType(job.spec.actionTypeId, actionTypeId)) continue
      if ((job.spec.partner !== undefined) !== (family === 'partner')) continue
      if (this.#handOutAgain(job)) {
        taken.push(job)
        continue
      }
      if (job.status !== 'Queued') continue
      job.status = 'Dispatched'
      job.handOuts = 1
      job.holder = undefined
      job.dispatches.push({ nonce: nextNonce(job), at: this.#options.now() })
      const dispatchCount = job.dispatches.length
      this.#timers.set(`${job.spec.id}:redispatch`, job.life.redispatchAfterMs, () => {
        if (job.status !== 'Dispatched' || job.dispatches.length !== dispatchCount) return
        job.status = 'Queued'
        this.#options.onChange(job)
      })
      taken.push(job)
    }
    return taken
  }

  /**
   * The race AWS allows (protocol notes, section 6, question 1): one dispatch
   * reaching two workers' polls. Only the first dispatch races, and only once
   * it is claimed and until it is finished: the later answers left the service
   * before the claim and arrived after it, so every raced job puts a second
   * worker in the window where only its own claim can tell it the job is not
   * its own. Each poll's answer gets fresh artifact credentials, so the S3
   * calls tell which poll's answer they came from.
   */
  #handOutAgain(job: JobRecord): boolean {
    const race = job.spec.race
    // A partner job races alike: GetThirdPartyJobDetails gives each replica the same (latest) dispatch's nonce.
    if (race === undefined || job.dispatches.length !== 1 || job.handOuts >= race.polls) return false
    if (job.status !== 'InProgress') return false
    job.handOuts += 1
    this.refreshCredentials(job)
    return true
  }

  /** Whether this acknowledgement carries the nonce of a raced dispatch that has already been claimed: another worker has it. */
  claimedByAnother(job: JobRecord, nonce: string): boolean {
    return job.spec.race !== undefined && job.dispatches.length === 1 && job.dispatches[0]?.nonce === nonce && job.status !== 'Dispatched' && job.status !== 'Queued'
  }

  /** Whether the job's latest dispatch went back to the queue unacknowledged. */
  dispatchExpired(job: JobRecord): boolean {
    return job.status === 'Queued' && job.dispatches.length > 0
  }

  /** Moves a job to `status`; entering InProgress starts its timeout (and abandonment), leaving it clears them. */
  setStatus(job: JobRecord, status: JobStatus, holder?: JobHolder): void {
    const id = job.spec.id
    job.status = status
    job.holder = status === 'InProgress' ? (holder ?? 'worker') : undefined
    for (const kind of ['redispatch', 'timeout', 'abandon']) this.#timers.clear(`${id}:${kind}`)
    this.#placed(job)
    if (status !== 'InProgress') return
    this.#timers.set(`${id}:timeout`, job.life.jobTimeoutMs, () => {
      if (job.status !== 'InProgress') return
      job.status = 'TimedOut'
      job.holder = undefined
      this.#options.onChange(job)
      this.#placed(job)
    })
    const abandonAfterMs = job.spec.abandonAfterMs
    if (abandonAfterMs !== undefined && holder !== 'another-worker') {
      this.#timers.set(`${id}:abandon`, abandonAfterMs, () => this.abandon(job))
    }
  }

  /** "Stop and abandon": the action ends; the job accepts no result. AWS's JobStatus has no Abandoned, so it reads Failed. */
  abandon(job: JobRecord): void {
    if (job.status === 'InProgress') this.#stopExecution(job)
  }

  /**
   * Takes back a job nobody holds (Queued, or Dispatched and not acknowledged),
   * as when its pipeline execution is stopped: it is never handed out again,
   * and a late acknowledgement reads Failed. A job in a worker's hands
   * (InProgress) or finished is left as it is.
   */
  withdraw(job: JobRecord): void {
    if (job.status === 'Queued' || job.status === 'Dispatched') this.#stopExecution(job)
  }

  /** The job's execution is stopped: it reads Failed and accepts nothing more. */
  #stopExecution(job: JobRecord): void {
    this.setStatus(job, 'Failed')
    job.abandoned = true
    this.#options.onChange(job)
  }

  /**
   * Completes the job (Succeeded) and, after `continuationDelayMs`, queues a
   * new job of the same action execution carrying the token, with its own id,
   * nonces and credentials.
   */
  continueWith(job: JobRecord, continuationToken: string): void {
    this.setStatus(job, 'Succeeded')
    if (this.#options.now() - job.actionStartedAt >= job.life.actionTimeoutMs) {
      job.actionTimedOut = true
      this.#options.onChange(job)
      return
    }
    job.continuationPending = true
    const queue = (): void => {
      const { id: _id, nonces: _nonces, behaviour: _behaviour, abandonAfterMs: _abandon, credentialsAtDispatch: _credentials, ...rest } = job.spec
      const next = this.enqueue({ ...rest, id: randomUUID(), nonces: [], behaviour: { kind: 'normal' }, continuationToken, continuationOf: job.spec.id })
      job.continuedBy = next.spec.id
      job.continuationPending = false
      this.#options.onChange(job)
      this.#placed(job)
    }
    if (job.life.continuationDelayMs === 0) queue()
    else this.#timers.set(`${job.spec.id}:continuation`, job.life.continuationDelayMs, queue)
  }

  /** The job and every continuation queued after it, in order. */
  chainOf(id: string): string[] {
    const chain: string[] = []
    for (let job = this.#jobs.get(id); job; job = job.continuedBy ? this.#jobs.get(job.continuedBy) : undefined) chain.push(job.spec.id)
    return chain
  }

  view(id: string): JobView | undefined {
    const job = this.#jobs.get(id)
    if (!job) return undefined
    const { accessKeyId, secretAccessKey, sessionToken } = job.artifactCredentials
    return {
      id,
      status: job.status,
      dispatches: job.dispatches.map((d) => ({ ...d })),
      artifactCredentials: { accessKeyId, secretAccessKey, sessionToken },
      abandoned: job.abandoned,
      actionTimedOut: job.actionTimedOut,
      ...(job.spec.continuationOf !== undefined ? { continuationOf: job.spec.continuationOf } : {}),
      ...(job.continuedBy !== undefined ? { continuedBy: job.continuedBy } : {}),
    }
  }

  close(): void {
    this.#timers.clearAll()
  }

  #credentials(life: JobLifeSettings): IssuedCredentials {
    const issuedAt = this.#options.now()
    return { ...generateArtifactCredentials(this.#byAccessKey), issuedAt, expiresAt: issuedAt + life.credentialLifetimeMs }
  }
}

/** The spec's next unused nonce, or a fresh one (by the `nonces` setting) when they run out. */
function nextNonce(job: JobRecord): string {
  const used = new Set(job.dispatches.map((d) => d.nonce))
  const planned = job.spec.nonces[job.dispatches.length]
  if (planned !== undefined && !used.has(planned)) return planned
  if (job.life.nonces === 'random') {
    let nonce = randomBytes(12).toString('base64url')
    while (used.has(nonce)) nonce = randomBytes(12).toString('base64url')
    return nonce
  }
  let n = job.dispatches.length + 1
  while (used.has(String(n)) || job.spec.nonces.includes(String(n))) n++
  return String(n)
}
