import fc from 'fast-check'
import { ConformError } from '../errors/conform-error.js'
import { ackStatusBehaviour, normalBehaviour, stolenBehaviour } from '../scenarios/job-behaviour.js'
import { instantiateScenario } from '../scenarios/instantiate.js'
import { scenarioArbitrary, type JobShape } from '../scenarios/scenario.js'
import { toJobSpecs } from '../scenarios/to-job-specs.js'
import { createFakeService } from '../service/fake-service.js'
import type { JobLifeSettings } from '../service/jobs/job-life-settings.js'
import type { ActionTypeId, JobStatus } from '../service/jobs/job-spec.js'
import { serveOnLoopback } from '../service/serve.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import { parseJobLifeSetting } from '../service/jobs/job-life-settings.js'
import { ControlRefusal, startControlServer } from './control-server.js'
import { faultScriptProblems, type FaultScript } from '../service/faults/fault-script.js'
import { freshWorkerCredentials } from './worker-credentials.js'

/** What `POST /jobs` takes: how many jobs, and how the service treats them. */
export interface QueueRequest {
  count?: number
  behaviour?: 'normal' | 'stolen' | 'ack-status'
  /** With behaviour ack-status: the status AcknowledgeJob answers. */
  status?: Exclude<JobStatus, 'InProgress'>
  inputs?: 'present' | 'missing'
  seed?: number
  /** Job-life overrides for these jobs only, e.g. { "redispatchAfterMs": 2000 } (docs/fake-service.md). */
  life?: Partial<JobLifeSettings>
  /** Fault scripts for each of these jobs' calls, e.g. [{ "operations": ["PutJobSuccessResult"], "steps": [{ "kind": "error", "error": "ThrottlingException", "times": 6 }] }] (docs/fake-service.md). */
  faults?: Omit<FaultScript, 'jobId'>[]  /** Replicas racing (CONC-001): once claimed, each job's dispatch is handed to the next polls too, this many in all (2 to 10). */
  race?: number
}

/**
 * `conform serve`: the fake on its own, for running a worker by hand or under
 * a debugger. Jobs are queued through the control endpoint (generated like a
 * suite's, from a seed), and the trace can be read back at any time.
 */
export async function serveFake(options: {
  actionType: ActionTypeId
  region: string
  port?: number
  jobTimeoutMs: number
  /** Job-life settings for the whole service (`conform serve --set`). */
  life?: Partial<JobLifeSettings>
  onCall?: (entry: TraceEntry) => void
}) {
  const credentials = freshWorkerCredentials()
  const service = createFakeService({ region: options.region, workerCredentials: credentials, actionTypes: [options.actionType], jobTimeoutMs: options.jobTimeoutMs, ...(options.life ? { life: options.life } : {}) })
  const unsubscribe = options.onCall ? service.trace.subscribe(options.onCall) : () => undefined
  const served = await serveOnLoopback(service, { trace: service.trace, ...(options.port !== undefined ? { port: options.port } : {}) })
  let seed = 1
  const control = await startControlServer({
    'POST /jobs': async (body) => {
      const request = (body ?? {}) as QueueRequest
      const shape = shapeOf(request)
      const count = request.count ?? 1
      if (!Number.isInteger(count) || count < 1 || count > 100) throw new ConformError('CONFORM_USAGE', 'count must be a whole number from 1 to 100')
      const arbitrary = scenarioArbitrary({ actionTypeId: options.actionType, region: options.region }, Array.from({ length: count }, () => shape), { extraJobs: 0 })
      const [scenario] = fc.sample(arbitrary, { seed: request.seed ?? seed++, numRuns: 1 })
      if (!scenario) throw new Error('no scenario was generated')
      const played = instantiateScenario(scenario)
      const life = request.life ? Object.assign({}, ...Object.entries(request.life).map(([name, value]) => parseJobLifeSetting(`${name}=${String(value)}`))) : undefined
      const faults = request.faults === undefined ? undefined : checkedFaults(request.faults)
      if (request.race !== undefined && (!Number.isInteger(request.race) || request.race < 2 || request.race > 10)) throw new ConformError('CONFORM_USAGE', 'race must be a whole number from 2 to 10 (the polls one dispatch reaches)')
      const race = request.race !== undefined ? { race: { polls: request.race } } : {}
      service.enqueue(toJobSpecs(played).map((job) => ({ ...job, ...(life ? { life } : {}), ...(faults ? { faults } : {}), ...race })))
      return { jobs: played.jobs.map((job) => ({ id: job.id, nonce: job.nonces[0], behaviour: job.behaviour, inputArtifacts: job.inputArtifacts })) }
    },
    'POST /faults': async (body) => {
      const scripts = checkedFaults(body)
      service.injectFaults(scripts, { scope: 'service' })
      return { armed: scripts }
    },
    // Another worker identity the fake accepts, for a second instance of the worker (each call in the trace then names its instance by key).
    'POST /replicas': async () => {
      const replica = freshWorkerCredentials()
      service.addWorkerCredentials(replica)
      return replica
    },
    'GET /jobs': async (_, id) => {
      const job = service.job(id)
      if (!job) throw new ControlRefusal(404, `no job ${id} (queued jobs are kept until 1,000 newer ones have finished)`)
      return job
    },
    'GET /trace': async () => service.trace.entries(),
    'GET /settings': async () => service.life,
  })
  return {
    endpoint: served.url,
    control,
    credentials,
    life: service.life,
    close: async () => {
      unsubscribe()
      await control.close()
      await served.close()
      service.close()
    },
  }
}

/** One script or a list of them, checked before any is armed. */
function checkedFaults(body: unknown): FaultScript[] {
  const scripts = Array.isArray(body) ? body : [body]
  const problems = scripts.flatMap((script, i) => faultScriptProblems(script).map((problem) => `fault script ${i + 1}: ${problem}`))
  if (problems.length > 0) throw new ConformError('CONFORM_USAGE', problems.join('; '))
  return scripts as FaultScript[]
}

function shapeOf(request: QueueRequest): JobShape {
  const inputs = request.inputs ?? 'present'
  switch (request.behaviour ?? 'normal') {
    case 'normal':
      return { behaviour: normalBehaviour(), inputs }
    case 'stolen':
      return { behaviour: stolenBehaviour(), inputs }
    case 'ack-status':
      return { behaviour: request.status ? fc.constant({ kind: 'ack-status', status: request.status }) : ackStatusBehaviour(), inputs }
    default:
      throw new ConformError('CONFORM_USAGE', `behaviour must be normal, stolen or ack-status (got ${JSON.stringify(request.behaviour)})`)
  }
}
