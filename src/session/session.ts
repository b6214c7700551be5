import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LoadedConfig } from '../config/load-config.js'
import { toJobSpecs } from '../scenarios/to-job-specs.js'
import { createFakeService, type FakeService } from '../service/fake-service.js'
import { serveOnLoopback } from '../service/serve.js'
import type { PlayedScenario } from '../suite/control-client.js'
import { startProcessWorker, type ProcessWorker } from '../worker/process-worker.js'
import { buildWorkerEnvironment } from '../worker/worker-environment.js'
import { awaitFirstPoll } from './await-first-poll.js'
import { startControlServer } from './control-server.js'
import { scenarioTrace } from './scenario-trace.js'
import { freshWorkerCredentials } from './worker-credentials.js'

export interface Session {
  readonly serviceUrl: string
  readonly control: { url: string; token: string }
  readonly service: FakeService
  readonly worker: ProcessWorker
  /** Stops the worker (SIGTERM, then SIGKILL after the grace), the servers and the temp folder; collects every cleanup error. */
  stop(): Promise<void>
}

/**
 * One worker session: the fake service on loopback, the worker started once
 * against it, and the control endpoint through which suites play scenarios.
 * Many scenarios run through one session; their jobs are independent.
 */
export async function startSession(options: { loaded: LoadedConfig; region: string }): Promise<Session> {
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
    const served = await serveOnLoopback(service.handlers)
    cleanups.push(() => served.close())
    const tmpDir = await mkdtemp(join(tmpdir(), 'conform-'))
    cleanups.push(() => rm(tmpDir, { recursive: true, force: true }))
    const env = buildWorkerEnvironment({
      parentEnv: process.env,
      codepipelineEndpoint: served.url,
      s3Endpoint: served.url,
      region: options.region,
      credentials,
      configEnv: config.env,
      tmpDir,
    })
    const worker = await startProcessWorker({
      command: config.command,
      cwd: workerDir,
      env,
      clock: () => service.trace.now(),
      configSource: source,
    })
    cleanups.push(async () => {
      await worker.stop(config.shutdownGraceMs)
    })
    await awaitFirstPoll({ trace: service.trace, worker, timeoutMs: config.startupTimeoutMs, endpoint: served.url, configSource: source })

    const play = async (scenario: PlayedScenario['scenario'], deadlineMs: number): Promise<PlayedScenario> => {
      if (worker.hasExited()) throw new Error('the worker is no longer running (it exited during the run)')
      const afterSeq = service.trace.entries().length
      const from = service.trace.now()
      const ids = scenario.jobs.map((job) => job.id)
      service.enqueue(toJobSpecs(scenario))
      const exited = worker.exited.then(({ code, signal }) => {
        throw new Error(`the worker exited (${signal ?? `code ${code}`}) while scenario jobs ${ids.join(', ')} were open`)
      })
      const outcomes = await Promise.race([service.settle(ids, { deadlineMs }), exited])
      return {
        scenario,
        outcomes,
        trace: scenarioTrace(service.trace.entries(), ids, afterSeq),
        output: worker.output.between(from, service.trace.now()),
      }
    }
    const control = await startControlServer(play)
    cleanups.push(() => control.close())
    return { serviceUrl: served.url, control: { url: control.url, token: control.token }, service, worker, stop }
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
}
