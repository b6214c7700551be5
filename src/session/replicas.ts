import { ConformError } from '../errors/conform-error.js'
import type { OutputLine } from '../report/results.js'
import type { TraceJournal } from '../service/trace/trace-journal.js'
import type { ProcessWorker } from '../worker/process-worker.js'
import { awaitFirstPoll } from './await-first-poll.js'
import type { ReplicaRecord } from './scenario-events.js'
import { freshWorkerCredentials } from './worker-credentials.js'

type Credentials = { accessKeyId: string; secretAccessKey: string }

/** Extra instances of the worker started for one scenario (CONC-001), beside the session's own. */
export interface Replicas {
  /** Every instance, the session's own worker first (replica 1). */
  readonly record: ReplicaRecord
  /** What the extra instances printed within [fromAt, toAt], each line marked with its replica. */
  outputBetween(fromAt: number, toAt: number): OutputLine[]
  /** SIGTERM, SIGKILL after the grace; resolves when every extra instance is gone. */
  stop(graceMs: number): Promise<void>
}

/**
 * Starts `count - 1` more instances of the worker, each with credentials of
 * its own (registered with the fake by `trust`), so every CodePipeline call in
 * the trace names its replica by its access key; resolves once each has
 * polled. They start in parallel: a start costs seconds (`node --import tsx`).
 */
export async function startReplicas(options: {
  count: number
  /** The session's own worker: replica 1. */
  primary: { accessKeyId: string; pid: number }
  startWorker: (credentials: Credentials) => Promise<ProcessWorker>
  /** Makes the fake accept these credentials as the worker's. */
  trust: (credentials: Credentials) => void
  trace: TraceJournal
  startupTimeoutMs: number
  endpoint: string
  configSource: string
}): Promise<Replicas> {
  const since = options.trace.recorded
  const started: { replica: number; accessKeyId: string; worker: ProcessWorker }[] = []
  const stop = async (graceMs: number): Promise<void> => {
    await Promise.all(started.map(({ worker }) => worker.stop(graceMs)))
  }
  try {
    await Promise.all(
      Array.from({ length: options.count - 1 }, async (_, i) => {
        const credentials = freshWorkerCredentials()
        options.trust(credentials)
        const worker = await options.startWorker(credentials)
        const replica = { replica: i + 2, accessKeyId: credentials.accessKeyId, worker }
        started.push(replica)
        const { trace, startupTimeoutMs: timeoutMs, endpoint, configSource } = options
        await awaitFirstPoll({ trace, worker, timeoutMs, endpoint, configSource, since, accessKeyId: credentials.accessKeyId }).catch((error: unknown) => {
          throw cannotReplicate(replica.replica, error)
        })
      }),
    )
  } catch (error) {
    await stop(0).catch(() => undefined)
    throw error
  }
  started.sort((a, b) => a.replica - b.replica)
  return {
    record: {
      workers: [
        { replica: 1, accessKeyId: options.primary.accessKeyId, pid: options.primary.pid },
        ...started.map(({ replica, accessKeyId, worker }) => ({ replica, accessKeyId, pid: worker.pid })),
      ],
    },
    outputBetween: (fromAt, toAt) =>
      started.flatMap(({ replica, worker }) => worker.output.between(fromAt, toAt).map((line) => ({ ...line, text: `[replica ${replica}] ${line.text}` }))),
    stop,
  }
}

function cannotReplicate(replica: number, error: unknown): ConformError {
  const why = error instanceof Error ? error.message : String(error)
  return new ConformError(
    'CONFORM_WORKER_NEVER_POLLED',
    `conform: a second instance of the worker (replica ${replica}, started for CONC-001 beside the first) did not poll: ${why}\n` +
      'A worker that cannot run as several instances at once declares it with "capabilities": { "lacks": ["replicas"] } in its config.',
  )
}
