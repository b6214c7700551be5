import type { RequestHandler } from 'msw'
import { codePipelineRoute } from './codepipeline/handlers.js'
import { FaultPlan } from './faults/fault-plan.js'
import type { FaultScript } from './faults/fault-script.js'
import type { ActionTypeId, JobSpec } from './jobs/job-spec.js'
import { resolveJobLife, type JobLifeSettings } from './jobs/job-life-settings.js'
import { holdRacedClaims } from './jobs/raced-claims.js'
import { JobStore, type JobView } from './jobs/job-store.js'
import { SettleTracker, type JobOutcome } from './jobs/settle-tracker.js'
import { s3Route } from './s3/handlers.js'
import { ObjectStore } from './s3/object-store.js'
import { MultipartUploads } from './s3/multipart-uploads.js'
import type { CredentialLookup } from './sigv4/authenticate.js'
import { TraceJournal, type TraceRetention } from './trace/trace-journal.js'
import { mswHandler } from './msw-bridge.js'
import type { WireCore } from './wire.js'

export type { JobOutcome } from './jobs/settle-tracker.js'
export type { JobView } from './jobs/job-store.js'

export interface FakeServiceOptions {
  /** The region the worker is told to use, e.g. 'us-east-1'. */
  region: string
  /**
   * The worker's own credentials: every CodePipeline call must be signed
   * (SigV4) with them. S3 calls signed with them are recognised as the
   * worker's, and denied: only a job's artifact credentials reach its artifacts.
   */
  workerCredentials: { accessKeyId: string; secretAccessKey: string }
  /** Action types a poll may name; any other answers ActionTypeNotFoundException. */
  actionTypes: ActionTypeId[]
  /** A job InProgress for longer than this becomes TimedOut (the `jobTimeoutMs` job-life setting). */
  jobTimeoutMs: number
  /** The other job-life settings (re-dispatch window, nonces, credential lifetime, ...); each job's spec may override them. */
  life?: Partial<JobLifeSettings>
  /** PollForJobs calls after its last event before a job counts as settled; default 2. */
  quiescentPolls?: number
  /**
   * What to do with a call that fails SigV4 authentication (unsigned, unknown
   * key, missing session token, wrong scope or signature): 'enforce' (default)
   * answers AWS's error (UnrecognizedClientException, InvalidSignatureException,
   * SignatureDoesNotMatch, ...); 'record' answers as if it were authentic and
   * only records it (`signer`, `signatureValid: false`). Artifact credentials
   * are refused by CodePipeline in both modes: that is authorisation.
   */
  signatures?: 'enforce' | 'record'
  /** Finished jobs kept (default 1,000, see `JobStoreOptions.keepFinishedJobs`); the older are forgotten with their artifacts. */
  keepFinishedJobs?: number
  /** Trace entries kept (see `TraceRetention`): by default the first 1,000 and the last 10,000 not held by a scenario. */
  traceRetention?: Partial<TraceRetention>
}

export interface FakeService {
  /** msw handlers for CodePipeline and S3, matching any origin: the in-process transport. */
  readonly handlers: RequestHandler[]
  /** The same answers without Fetch objects: what `serveOnLoopback(service)` and `serveOverPort` call. */
  readonly answer: WireCore
  readonly trace: TraceJournal
  /**
   * Arms fault scripts not bound to a queued job (e.g. on PollForJobs).
   * `scope: 'scenario'` (default) replaces the previous scenario's scripts;
   * `'service'` keeps them until they are spent.
   */
  injectFaults(scripts: readonly FaultScript[], options?: { scope?: 'scenario' | 'service' }): void
  /** Queues jobs (status Queued); input artifacts with content 'present' are put in the S3 store. */
  enqueue(jobs: JobSpec[]): void
  job(id: string): JobView | undefined
  /** The job and the continuation jobs queued after it, in order. */
  chainOf(id: string): string[]
  /** The settings in force for the whole service. */
  readonly life: JobLifeSettings
  /** Resolves when every job has settled, or at the deadline with the rest marked 'deadline' / 'never-dispatched'. */
  settle(jobIds: string[], options: { deadlineMs: number }): Promise<JobOutcome[]>
  /**
   * Takes back the jobs of these chains that no worker holds (Queued, or
   * Dispatched and unacknowledged): they are never handed out again. The
   * session calls it when a scenario ends, so the jobs a worker left behind
   * do not queue ahead of the next scenario's.
   */
  withdraw(jobIds: string[]): void
  /**
   * Accepts one more worker identity for CodePipeline calls (its calls are
   * signed 'worker', with its own access key): a replica of the worker (CONC-001).
   */
  addWorkerCredentials(credentials: { accessKeyId: string; secretAccessKey: string }): void
  /** What the fake holds in memory now: live and kept finished jobs, S3 objects, kept trace entries (all bounded but the live jobs). */
  retained(): { liveJobs: number; finishedJobs: number; objects: number; traceEntries: number }
  /** Clears every timer; pending settle() calls resolve at once. */
  close(): void
}

interface Waiter {
  ids: string[]
  resolve: (outcomes: JobOutcome[]) => void
  timer: NodeJS.Timeout
}

/**
 * A fake CodePipeline job API and S3 artifact store, as msw handlers.
 *
 * @example
 * const service = createFakeService({ region: 'us-east-1', workerCredentials, actionTypes: [type], jobTimeoutMs: 30_000 })
 * const served = await serveOnLoopback(service)
 * service.enqueue(jobs)
 * const outcomes = await service.settle(jobs.map((j) => j.id), { deadlineMs: 10_000 })
 */
export function createFakeService(options: FakeServiceOptions): FakeService {
  const trace = new TraceJournal(options.traceRetention)
  const waiters = new Set<Waiter>()
  const life = resolveJobLife({ jobTimeoutMs: options.jobTimeoutMs }, options.life)
  const store: JobStore = new JobStore({
    life,
    now: () => trace.now(),
    onChange: (job) => {
      tracker.touch(job.spec.id)
      check()
    },
    ...(options.keepFinishedJobs !== undefined ? { keepFinishedJobs: options.keepFinishedJobs } : {}),
    onForget: (job) => {
      tracker.forget(job.spec.id)
      faults.forgetJob(job.spec.id)
      for (const artifact of [...job.spec.inputArtifacts, ...job.spec.outputArtifacts]) {
        if (!store.namesObject(artifact.bucketName, artifact.objectKey)) objects.delete(artifact.bucketName, artifact.objectKey)
      }
    },
  })
  const tracker = new SettleTracker(store, options.quiescentPolls ?? 2)
  const objects = new ObjectStore()
  const faults = new FaultPlan(() => trace.now())

  const finish = (waiter: Waiter, outcomes: JobOutcome[]): void => {
    clearTimeout(waiter.timer)
    waiters.delete(waiter)
    waiter.resolve(outcomes)
  }
  const check = (): void => {
    for (const waiter of [...waiters]) {
      if (waiter.ids.every((id) => tracker.isSettled(id))) finish(waiter, waiter.ids.map((id) => tracker.outcome(id, 'quiescent')))
    }
  }
  const atDeadline = (ids: string[]): JobOutcome[] =>
    ids.map((id) => tracker.outcome(id, tracker.isSettled(id) ? 'quiescent' : 'deadline'))

  trace.subscribe((entry) => {
    tracker.observe(entry)
    check()
  })
  const releaseRacedClaims = holdRacedClaims(trace, store)

  const workers = new Map([[options.workerCredentials.accessKeyId, options.workerCredentials.secretAccessKey]])
  const lookup: CredentialLookup = (accessKeyId) => {
    const workerSecret = workers.get(accessKeyId)
    if (workerSecret !== undefined) return { signer: 'worker', accessKeyId, secretAccessKey: workerSecret }
    const found = store.byAccessKeyId(accessKeyId)
    if (!found) return undefined
    const { secretAccessKey, sessionToken } = found.credentials
    return { signer: 'artifact', accessKeyId, secretAccessKey, sessionToken, jobId: found.job.spec.id }
  }
  const auth = { region: options.region, lookup, ...(options.signatures ? { signatures: options.signatures } : {}) }

  const routes = [codePipelineRoute({ store, actionTypes: options.actionTypes, trace, faults, ...auth }), s3Route({ store, objects, uploads: new MultipartUploads(objects), trace, faults, ...auth })]

  return {
    handlers: routes.map(mswHandler),
    async answer(request) {
      for (const route of routes) if (route.matches(request)) return route.answer(request)
      return undefined
    },
    trace,
    injectFaults(scripts, { scope = 'scenario' } = {}) {
      if (scope === 'scenario') faults.replaceShared(scripts)
      else faults.arm(scripts)
    },
    enqueue(jobs) {
      for (const spec of jobs) {
        store.enqueue(spec)
        tracker.queued(spec.id)
        if (spec.faults) faults.arm(spec.faults.map((script) => ({ ...script, jobId: spec.id })))
        for (const artifact of spec.inputArtifacts) {
          if (artifact.content?.kind === 'present') objects.put(artifact.bucketName, artifact.objectKey, artifact.content.bytes, { contentType: 'application/zip' })
        }
      }
    },
    job: (id) => store.view(id),
    chainOf: (id) => store.chainOf(id),
    life,
    settle(jobIds, { deadlineMs }) {
      return new Promise((resolve) => {
        const ids = [...jobIds]
        if (ids.every((id) => tracker.isSettled(id))) return resolve(ids.map((id) => tracker.outcome(id, 'quiescent')))
        const waiter: Waiter = { ids, resolve, timer: setTimeout(() => finish(waiter, atDeadline(ids)), deadlineMs) }
        waiters.add(waiter)
      })
    },
    withdraw(jobIds) {
      for (const id of jobIds.flatMap((jobId) => store.chainOf(jobId))) {
        const job = store.get(id)
        if (job) store.withdraw(job)
      }
    },
    addWorkerCredentials(credentials) {
      workers.set(credentials.accessKeyId, credentials.secretAccessKey)
    },
    retained: () => ({ liveJobs: store.size.live, finishedJobs: store.size.finished, objects: objects.size, traceEntries: trace.entries().length }),
    close() {
      releaseRacedClaims()
      store.close()
      faults.clear()
      for (const waiter of [...waiters]) finish(waiter, atDeadline(waiter.ids))
    },
  }
}
