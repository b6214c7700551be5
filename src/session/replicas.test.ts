import { describe, expect, it } from 'vitest'
import { TraceJournal } from '../service/trace/trace-journal.js'
import { OutputCapture } from '../worker/output-capture.js'
import type { ProcessWorker, WorkerExit } from '../worker/process-worker.js'
import { startReplicas } from './replicas.js'

/** A worker that does nothing but what the test makes it do: poll (a trace entry under its key) or exit. */
function stubWorker(pid: number, trace: TraceJournal): ProcessWorker & { poll(accessKeyId: string): void; exit(): void; stopped: number[] } {
  let exit: (value: WorkerExit) => void = () => undefined
  const exited = new Promise<WorkerExit>((resolve) => (exit = resolve))
  let gone = false
  const stopped: number[] = []
  return {
    pid,
    output: new OutputCapture({ clock: () => trace.now() }),
    exited,
    hasExited: () => gone,
    stop: async (graceMs) => {
      stopped.push(graceMs)
      gone = true
      exit({ code: 0, signal: null })
      return { code: 0, signal: null, killed: false }
    },
    poll: (accessKeyId) => trace.record({ service: 'codepipeline', operation: 'PollForJobs', accessKeyId, signer: 'worker', request: {}, response: { status: 200, body: { jobs: [] } } }),
    exit: () => {
      gone = true
      exit({ code: 1, signal: null })
    },
    stopped,
  }
}

const options = (trace: TraceJournal, startWorker: Parameters<typeof startReplicas>[0]['startWorker'], trusted: string[] = []) => ({
  count: 3,
  primary: { accessKeyId: 'AKIAPRIMARY000000001', pid: 100 },
  startWorker,
  trust: (credentials: { accessKeyId: string }) => void trusted.push(credentials.accessKeyId),
  trace,
  startupTimeoutMs: 5000,
  endpoint: 'http://127.0.0.1:1',
  configSource: '/w/conform.config.json',
})

describe('startReplicas', () => {
  it('starts the extra instances with credentials of their own, each trusted by the fake, and waits for each one’s own poll (not the first instance’s)', async () => {
    const trace = new TraceJournal()
    const trusted: string[] = []
    const workers: ReturnType<typeof stubWorker>[] = []
    const starting = startReplicas(
      options(
        trace,
        async (credentials) => {
          const worker = stubWorker(200 + workers.length, trace)
          workers.push(worker)
          // The first instance polls all the while: its polls must not count as the replicas'.
          trace.record({ service: 'codepipeline', operation: 'PollForJobs', accessKeyId: 'AKIAPRIMARY000000001', request: {}, response: { status: 200 } })
          setImmediate(() => worker.poll(credentials.accessKeyId))
          return worker
        },
        trusted,
      ),
    )
    const replicas = await starting
    expect(replicas.record.workers.map((w) => [w.replica, w.pid])).toEqual([
      [1, 100],
      [2, expect.any(Number)],
      [3, expect.any(Number)],
    ])
    expect(new Set(replicas.record.workers.map((w) => w.accessKeyId)).size).toBe(3)
    expect(trusted.sort()).toEqual(replicas.record.workers.slice(1).map((w) => w.accessKeyId).sort())
    await replicas.stop(3000)
    expect(workers.map((w) => w.stopped)).toEqual([[3000], [3000]])
  })

  it('names the capability to declare when an instance cannot run beside the first, and stops the ones it started', async () => {
    const trace = new TraceJournal()
    const workers: ReturnType<typeof stubWorker>[] = []
    const failing = startReplicas(
      options(trace, async (credentials) => {
        const worker = stubWorker(300 + workers.length, trace)
        workers.push(worker)
        // The first extra instance comes up; the second finds the lock file taken and exits.
        setImmediate(() => (worker === workers[0] ? worker.poll(credentials.accessKeyId) : worker.exit()))
        return worker
      }),
    )
    await expect(failing).rejects.toThrow(/did not poll: .*\n.*"capabilities": \{ "lacks": \["replicas"\] \}/s)
    expect(workers.every((w) => w.hasExited())).toBe(true)
  })
})
