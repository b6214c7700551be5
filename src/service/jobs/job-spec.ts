import type { FaultScript } from '../faults/fault-script.js'
import type { JobLifeSettings } from './job-life-settings.js'
import type { PayloadVariation } from './payload-variation.js'

/** Job statuses as the CodePipeline API names them. */
export type JobStatus = 'Created' | 'Queued' | 'Dispatched' | 'InProgress' | 'TimedOut' | 'Succeeded' | 'Failed'

export interface ActionTypeId {
  category: 'Source' | 'Build' | 'Deploy' | 'Test' | 'Invoke' | 'Approval' | 'Compute'
  owner: 'AWS' | 'ThirdParty' | 'Custom'
  provider: string
  version: string
}

/**
 * How the fake service behaves towards one job, beyond the faithful default.
 * - normal: the worker that acknowledges with the right nonce owns the job.
 * - stolen: another worker claims the job first, so AcknowledgeJob answers
 *   InvalidNonceException (as the user guide describes for a lost race).
 * - ack-status: AcknowledgeJob succeeds at the wire level but answers a status
 *   other than InProgress (the job timed out, finished, or went back to the queue),
 *   and the job really is in that status afterwards.
 */
export type JobBehaviour =
  | { kind: 'normal' }
  | { kind: 'stolen' }
  | { kind: 'ack-status'; status: Exclude<JobStatus, 'InProgress'> }

export interface ArtifactSpec {
  name: string
  bucketName: string
  objectKey: string
  /** Input artifacts only: whether the object exists in the fake S3, and its bytes (a zip). */
  content?: { kind: 'present'; bytes: Uint8Array } | { kind: 'missing' }
}

/** Everything the fake needs to queue one job. Plain data: it prints and serialises. */
export interface JobSpec {
  id: string
  accountId: string
  /** Nonces for successive dispatches of this job; the fake derives more if it runs out. */
  nonces: string[]
  actionTypeId: ActionTypeId
  actionConfiguration: Record<string, string>
  pipelineContext: {
    pipelineName: string
    stage: { name: string }
    action: { name: string; actionExecutionId: string }
    pipelineArn: string
    pipelineExecutionId: string
  }
  inputArtifacts: ArtifactSpec[]
  outputArtifacts: ArtifactSpec[]
  encryptionKey?: { id: string; type: 'KMS' }
  continuationToken?: string
  behaviour: JobBehaviour
  /** Overrides of the service's job-life settings for this job (re-dispatch window, timeout, credential lifetime, ...). */
  life?: Partial<JobLifeSettings>
  /** The action is stopped and abandoned this long after the job is claimed: it leaves InProgress and accepts no result. */
  abandonAfterMs?: number
  /** `expired`: the credentials the dispatch carries have already expired when used (a slow start); GetJobDetails hands fresh ones. */
  credentialsAtDispatch?: 'fresh' | 'expired'
  /**
   * A partner (ThirdParty) job: PollForThirdPartyJobs hands out this clientId,
   * and only the clientToken mapped to it opens the job's details, claim and results.
   */
  partner?: { clientId: string; clientToken: string }
  /** Faults played on this job's calls (its result calls, its acknowledgement, its artifacts), armed when it is queued. */
  faults?: Omit<FaultScript, 'jobId'>[]
  /** How this job's JobData departs from the plain answer on the wire, within the model: optional members left out, legacy `__type` members added (POLL-004). */
  payload?: PayloadVariation
  /** Set by the fake on a continuation job: the job whose PutJobSuccessResult carried its token. */
  continuationOf?: string
  /**
   * Replicas racing on one queue (CONC-001): the job's first dispatch is handed
   * to this many polls in all (2 or 3): once it is claimed, the next polls get
   * it too, with the same nonce and each with its own artifact credentials,
   * until it is finished. Every acknowledgement with that nonce after the claim
   * answers InvalidNonceException (another worker claimed it).
   */
  race?: {
    polls: number
    /** Hold the answer to the winning claim until the dispatch has reached all its polls, this long at most (none when absent). */
    holdMs?: number
  }
}
