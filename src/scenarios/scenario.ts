import fc from 'fast-check'
import type { FaultScript } from '../service/faults/fault-script.js'
import type { ActionTypeId, JobBehaviour, JobSpec } from '../service/jobs/job-spec.js'
import { accountIdArbitrary } from './account-id.js'
import { actionConfigurationArbitrary } from './action-configuration.js'
import type { IdleStretch } from './idle-stretch.js'
import { inputArtifactArbitrary, outputArtifactArbitrary, type InputPresence, type ScenarioArtifact } from './artifacts.js'
import { optionalEncryptionKeyArbitrary, type EncryptionKeyPresence } from './encryption-key.js'
import { normalBehaviour } from './job-behaviour.js'
import { jobIdArbitrary } from './job-id.js'
import { nonceArbitrary } from './nonce.js'
import { pipelineContextArbitrary } from './pipeline-context.js'
import type { PlannedStop } from './planned-stop.js'

/** One job of a scenario: a JobSpec whose input artifacts are described, not yet zipped. */
export type ScenarioJob = Omit<JobSpec, 'inputArtifacts' | 'outputArtifacts'> & {
  inputArtifacts: ScenarioArtifact[]
  outputArtifacts: Omit<ScenarioArtifact, 'content'>[]
}

/** What the fake service is told to do for one scenario. Plain data: it prints, serialises and shrinks. */
export interface Scenario {
  jobs: ScenarioJob[]
  /** Faults on calls that name no job of the scenario (PollForJobs), armed when it starts and dropped when the next one does. A job's own faults are on the job. */
  faults?: FaultScript[]
  /** After the jobs settle, watch the worker poll an empty queue (POLL-002, POLL-003). */
  idle?: IdleStretch
  /** Deliver SIGTERM mid-scenario, then restart the worker (SHUT-*). */
  stop?: PlannedStop
  /** The worker's declared `concurrency`, which CONC-002 judges against. */
  concurrency?: number
  /** Run this many instances of the worker on the queue while the scenario plays (2 or 3; CONC-001), each with its own credentials. */
  replicas?: number
}

/** What every scenario needs from the run: the worker's action type and the region. */
export interface ScenarioContext {
  actionTypeId: ActionTypeId
  region: string
  /**
   * The run's job timeout (the worker config's jobTimeoutMs). A slow worker
   * declares a long one, so rules that time the worker (ACK-005) scale their
   * windows with it.
   */
  jobTimeoutMs?: number
  /** The worker config's `continuation` settings, when it has them. */
  continuation?: { actionConfiguration: Record<string, string> }
  /** The worker config's `partner` settings, when it has them. */
  partner?: { clients: Record<string, string> }
  /** The limits the worker config declares (defaults when absent): what the polling, shutdown and concurrency rules judge against. */
  limits?: WorkerLimits
  /** The action configuration keys the worker treats as secret (the worker config's secretConfiguration); SEC-002 plants canaries in them. */
  secretConfiguration?: readonly string[]
}

/** From the worker config: `minPollIntervalMs`, `concurrency`. */
export interface WorkerLimits {
  minPollIntervalMs: number
  concurrency: number
}

export const DEFAULT_LIMITS: Readonly<WorkerLimits> = Object.freeze({ minPollIntervalMs: 200, concurrency: 1 })

export const limitsOf = (context: ScenarioContext): WorkerLimits => context.limits ?? DEFAULT_LIMITS

/** The shape a rule asks for: how the service treats the job, its artifacts and its encryption key. */
export interface JobShape {
  behaviour: fc.Arbitrary<JobBehaviour>
  /** Whether the input artifacts exist in S3 (default 'present'); 'missing' implies at least one input. */
  inputs?: InputPresence
  /** At least one input artifact (default: zero to two). */
  needsInput?: boolean
  /** At least one output artifact (default: zero or one). */
  needsOutput?: boolean
  /** Whether the job carries `encryptionKey` (default 'any'). */
  encryptionKey?: EncryptionKeyPresence
}

export const jobArbitrary = (context: ScenarioContext, shape: JobShape): fc.Arbitrary<ScenarioJob> =>
  fc
    .record({
      id: jobIdArbitrary(),
      accountId: accountIdArbitrary(),
      nonce: nonceArbitrary(),
      actionConfiguration: actionConfigurationArbitrary(),
      pipelineContext: pipelineContextArbitrary(),
      inputArtifacts: fc.array(inputArtifactArbitrary(context.region, shape.inputs ?? 'present'), {
        minLength: shape.inputs === 'missing' || shape.inputs === 'corrupt' || shape.inputs === 'zip-slip' || shape.needsInput ? 1 : 0,
        maxLength: 2,
      }),
      outputArtifacts: fc.array(outputArtifactArbitrary(context.region), { minLength: shape.needsOutput ? 1 : 0, maxLength: 1 }),
      encryptionKey: optionalEncryptionKeyArbitrary(shape.encryptionKey ?? 'any'),
      behaviour: shape.behaviour,
    })
    .map((job): ScenarioJob => {
      const pipelineContext = job.pipelineContext(job.accountId, context.region)
      const encryptionKey = job.encryptionKey?.(job.accountId, context.region)
      return {
        id: job.id,
        accountId: job.accountId,
        nonces: [job.nonce],
        actionTypeId: context.actionTypeId,
        actionConfiguration: job.actionConfiguration,
        pipelineContext,
        inputArtifacts: job.inputArtifacts.map((place) => place(pipelineContext.pipelineName)),
        outputArtifacts: job.outputArtifacts.map((place) => place(pipelineContext.pipelineName)),
        ...(encryptionKey ? { encryptionKey } : {}),
        behaviour: job.behaviour,
      }
    })

/**
 * A scenario made of the jobs a rule needs, plus up to `extraJobs` ordinary
 * jobs queued beside them (shrinking removes those first), so a worker is also
 * seen handling its situation among other work.
 */
export const scenarioArbitrary = (
  context: ScenarioContext,
  shapes: JobShape[],
  options: { extraJobs?: number } = {},
): fc.Arbitrary<Scenario> =>
  fc
    .tuple(
      fc.tuple(...shapes.map((shape) => jobArbitrary(context, shape))),
      fc.array(jobArbitrary(context, { behaviour: normalBehaviour() }), { maxLength: options.extraJobs ?? 1 }),
    )
    .map(([required, extra]) => ({ jobs: [...required, ...extra] }))
