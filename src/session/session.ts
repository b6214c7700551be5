import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LoadedConfig } from '../config/load-config.js'
import { asPartnerJobs } from '../scenarios/partner-jobs.js'
import { toJobSpecs } from '../scenarios/to-job-specs.js'
import { createFakeService, type FakeService } from '../service/fake-service.js'
import { serveOnLoopback } from '../service/serve.js'
import type { PlayedScenario } from '../suite/control-client.js'
import { buildWorkerEnvironment } from '../worker/worker-environment.js'
import { startInProcessWorker } from '../worker/in-process-worker.js'
import { startProcessWorker } from '../worker/process-worker.js'
import { armPlannedStop } from './arm-planned-stop.js'
import { awaitPolls } from './await-polls.js'
import { startControlServer } from './control-server.js'
import type { ScenarioEvents } from './scenario-events.js'
import { lookForZipSlip } from './look-for-zip-slip.js'
import { startReplicas, type Replicas } from './replicas.js'
import { scenarioTrace } from './scenario-trace.js'
import { freshWorkerCredentials } from './worker-credentials.js'
import { WorkerSupervisor } from './worker-supervisor.js'

/** A worker that exits more often than this in one run is given up on: its rules become errors. */
const MAX_RESTARTS = 5

export interface Session {
  /** The fake's loopback URL, or a note that calls are intercepted in-process. */
  readonly serviceUrl: string
  readonly mode: 'process' | 'in-process'
  readonly control: { url: string; token: string }
  readonly service: FakeService
  /** Keeps the worker running: restarts it when it exits on its own, and records each exit. */
  readonly supervisor: WorkerSupervisor
  /** Stops the worker (SIGTERM, then SIGKILL after the grace), the servers and the temp folder; collects every cleanup error. */
  stop(): Promise<void>
}

/**
 * One worker session: the fake service on loopback, the worker started once
 * against it, and the control endpoint through which suites play scenarios.
 * Many scenarios run through one session; their jobs are independent.
 */
export async function startSession(options: {
  loaded: LoadedConfig
  region: string
  /** Told as each scenario starts, with the rule that plays it (for progress on a terminal). */
  onScenarioStart?: (ruleId: string | undefined) => void
}): Promise<Session> {
  const { config, source, workerDir } = options.loaded
  const credentials = freshWorkerCredentials()
  const service = createFakeService({
    region: options.region,
    workerCredentials: credentials,
    actionTypes: [config.actionType],
    jobTimeoutMs: config.jobTimeoutMs,
  })
  const cleanups: (() => Promise<void> | void)[] = [() => service.close()]
  let stopping: Promise<void> | undefined
  // Idempotent: an interrupt stops the session under a running suite, and the run's `finally` stops it again.
  const stop = (): Promise<void> => (stopping ??= stopOnce())
  const stopOnce = async (): Promise<void> => {
    const errors: unknown[] = []
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'conform: cleaning up the session failed')
  }
  try {
    const tmpDir = await mkdtemp(join(tmpdir(), 'conform-'))
    cleanups.push(() => rm(tmpDir, { recursive: true, force: true }))
    const clock = (): number => service.trace.now()
    const modulePath = options.loaded.modulePath
    // In-process, the module's SDK calls are intercepted (MSW in its worker thread): no port is opened.
    const served = modulePath ? undefined : await serveOnLoopback(service, { trace: service.trace })
    if (served) cleanups.push(() => served.close())
    const endpoint = served?.url ?? 'the real AWS endpoints, intercepted in-process'
    const env = buildWorkerEnvironment({
      parentEnv: process.env,
      codepipelineEndpoint: endpoint,
      s3Endpoint: endpoint,
      region: options.region,
      credentials,
      configEnv: config.env,
      tmpDir,
    })
    if (modulePath) {
      delete env['AWS_ENDPOINT_URL_CODEPIPELINE']
      delete env['AWS_ENDPOINT_URL_S3']
    }
    const startWorker = (workerEnv: Record<string, string>) =>
      modulePath
        ? startInProcessWorker({ modulePath, env: workerEnv, clock, fake: service })
        : startProcessWorker({ command: config.command, cwd: workerDir, env: workerEnv, clock, configSource: source })
    const supervisor = await WorkerSupervisor.start({
      startWorker: () => startWorker(env),
      trace: service.trace,
      startupTimeoutMs: config.startupTimeoutMs,
      endpoint,
      configSource: source,
      maxRestarts: MAX_RESTARTS,
      accessKeyId: credentials.accessKeyId,
    })
    cleanups.push(() => supervisor.stop(config.shutdownGraceMs))
    // Replicas live for one scenario; one still running when the session stops (an interrupt) is stopped with it.
    let replicas: Replicas | undefined
    cleanups.push(() => replicas?.stop(config.shutdownGraceMs))
    const startScenarioReplicas = (count: number): Promise<Replicas> =>
      startReplicas({
        count,
        primary: { accessKeyId: credentials.accessKeyId, pid: supervisor.current.pid },
        // The same environment but for the identity, as replicas deployed side by side would have.
        startWorker: (own) => startWorker({ ...env, AWS_ACCESS_KEY_ID: own.accessKeyId, AWS_SECRET_ACCESS_KEY: own.secretAccessKey }),
        trust: (own) => service.addWorkerCredentials(own),
        trace: service.trace,
        startupTimeoutMs: config.startupTimeoutMs,
        endpoint,
        configSource: source,
      })

    const play = async (scenario: PlayedScenario['scenario'], deadlineMs: number): Promise<PlayedScenario> => {
      await supervisor.ready()
      const exitsBefore = supervisor.exits.length
      const afterSeq = service.trace.recorded
      // The journal keeps every entry of the scenario in play, however long it runs (scenarios play one at a time).
      service.trace.keepFrom(afterSeq)
      const from = service.trace.now()
      const ids = scenario.jobs.map((job) => job.id)
      // Always, so a fault window of the previous scenario ends here.
      service.injectFaults(scenario.faults ?? [])
      const events: ScenarioEvents = {}
      // Left running by a play that threw: they must not take this scenario's jobs.
      await replicas?.stop(config.shutdownGraceMs)
      replicas = undefined
      // Up and polling before the jobs are queued, so that they race for them.
      if (scenario.replicas !== undefined && scenario.replicas > 1) {
        replicas = await startScenarioReplicas(scenario.replicas)
        events.replicas = replicas.record
      }
      // Armed before the jobs are queued: the trigger may be the very first call.
      const planned = scenario.stop
        ? armPlannedStop({ trace: service.trace, plan: scenario.stop, jobIds: ids, stop: () => supervisor.plannedStop(config.shutdownGraceMs) })
        : undefined
      const specs = toJobSpecs(scenario)
      // A partner-only worker polls PollForThirdPartyJobs: every scenario's jobs are played to it as partner jobs.
      const queuedAt = service.trace.now()
      service.enqueue(config.profile === 'third-party' && config.partner ? asPartnerJobs(specs, config.partner.clients) : specs)
      // A worker that exits is restarted by the supervisor; its jobs settle (or time out) as they would in production.
      const outcomes = await service.settle(ids, { deadlineMs })
      const span = { queuedAt, settledAt: service.trace.now() }
      const stop = await planned?.settled()
      if (stop) events.stop = stop
      // What the worker left queued is taken back: a worker that breaks one rule by leaving
      // jobs behind would otherwise make every later scenario's jobs wait behind them.
      service.withdraw(ids)
      const replicaOutput = replicas?.outputBetween(from, service.trace.now()) ?? []
      await replicas?.stop(config.shutdownGraceMs)
      replicas = undefined
      const silent = service.trace.recorded === afterSeq
      if (silent && outcomes.some((outcome) => outcome.settledBy !== 'quiescent')) {
        // Not one call during a whole scenario with jobs waiting: the worker hangs. A fresh one gets the next scenario.
        await supervisor.restartHung(config.shutdownGraceMs)
      }
      if (scenario.idle) events.idle = await awaitPolls(service.trace, { polls: scenario.idle.polls, deadlineMs })
      const idle = events.idle
      const jobTrace = scenarioTrace(service.trace.since(afterSeq), ids.flatMap((id) => service.chainOf(id)))
      // Polls that name no job are evidence too while the session watches: an idle stretch, and a stopping worker's last moments.
      const windows = [idle ? [idle.afterSeq, idle.untilSeq] : undefined, stop ? [stop.signalSeq, stop.exitSeq] : undefined]
      const watched = windows.flatMap((w) => (w ? service.trace.since(w[0] ?? 0, w[1]).filter((e) => e.operation === 'PollForJobs' && !jobTrace.includes(e)) : []))
      const extra = [...new Set(watched)]
      const planted = await lookForZipSlip(scenario)
      const workerOutput = supervisor.outputBetween(from, service.trace.now())
      return {
        scenario,
        outcomes,
        span,
        ...(planted.length > 0 ? { planted } : {}),
        // Continuation jobs the worker's results created belong to the scenario too.
        trace: extra.length > 0 ? [...jobTrace, ...extra].sort((a, b) => a.seq - b.seq) : jobTrace,
        output: replicaOutput.length > 0 ? [...workerOutput, ...replicaOutput].sort((a, b) => a.at - b.at) : workerOutput,
        workerExits: supervisor.exits.slice(exitsBefore),
        ...(Object.keys(events).length > 0 ? { events } : {}),
      }
    }
    // Scenarios play one after another, whatever runs the suites in parallel: a scenario's
    // evidence (refused polls, idle stretches, a planned stop) is everything the worker did meanwhile.
    let previous: Promise<unknown> = Promise.resolve()
    const playInTurn = (scenario: PlayedScenario['scenario'], deadlineMs: number, ruleId: string | undefined): Promise<PlayedScenario> => {
      const turn = previous.then(() => {
        options.onScenarioStart?.(ruleId)
        return play(scenario, deadlineMs)
      })
      previous = turn.catch(() => undefined)
      return turn
    }
    const control = await startControlServer({
      'POST /play': (body) => {
        const { scenario, deadlineMs, ruleId } = body as { scenario: PlayedScenario['scenario']; deadlineMs: number; ruleId?: string }
        return playInTurn(scenario, deadlineMs, ruleId)
      },
    })
    cleanups.push(() => control.close())
    return { serviceUrl: endpoint, mode: modulePath ? 'in-process' : 'process', control: { url: control.url, token: control.token }, service, supervisor, stop }
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
}
