import { PassThrough } from 'node:stream'
import { MessageChannel, Worker } from 'node:worker_threads'
import type { Servable } from '../service/msw-bridge.js'
import { serveOverPort } from '../service/serve-over-port.js'
import { exitedWithin } from './exited-within.js'
import { OutputCapture } from './output-capture.js'
import type { ProcessWorker, WorkerExit } from './process-worker.js'

/**
 * Runs a JS/TS worker module in-process (worker contract, section 4), in a
 * worker thread of conform's own process: no port is opened and no process
 * is spawned, yet the module gets its own globals and environment, its
 * output is captured like a process's, and stopping it cannot take conform
 * down. Presents the same face as a process worker, so the supervisor and
 * the rules cannot tell the difference; `pid` is the thread id.
 */
export async function startInProcessWorker(options: {
  modulePath: string
  env: Record<string, string>
  clock: () => number
  /** The fake (or any MSW handlers) the module's calls are answered by. */
  fake: Servable
}): Promise<ProcessWorker> {
  const { port1, port2 } = new MessageChannel()
  serveOverPort(options.fake, port1)
  // From dist/ the host is plain JS; from src/ (conform's own tests) it is TypeScript, loaded through tsx.
  const fromSource = import.meta.url.endsWith('.ts')
  const host = new URL(fromSource ? './in-process-host.ts' : './in-process-host.js', import.meta.url)
  // Worker threads ignore `--import`, so from source a small script registers tsx in the thread first.
  const entry = fromSource
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(host.href)}) })`
    : host
  const thread = new Worker(entry, {
    eval: fromSource,
    workerData: { modulePath: options.modulePath, servicePort: port2 },
    transferList: [port2],
    env: options.env,
    stdout: true,
    stderr: true,
  })
  const output = new OutputCapture({ clock: options.clock })
  output.attach(thread.stdout, 'stdout')
  output.attach(thread.stderr, 'stderr')
  // An error the module throws ends the thread; it is shown as the worker's own stderr, as a crash's trace would be.
  const crashes = new PassThrough()
  output.attach(crashes, 'stderr')
  let exit: WorkerExit | undefined
  const exited = new Promise<WorkerExit>((resolve) => {
    thread.on('error', (error) => {
      crashes.write(`${error.stack ?? String(error)}\n`)
    })
    thread.on('exit', (code) => {
      crashes.end()
      port1.close()
      exit = { code, signal: null }
      resolve(exit)
    })
  })
  await new Promise<void>((resolve) => {
    thread.once('online', resolve)
    void exited.then(() => resolve())
  })
  let stopping: Promise<WorkerExit & { killed: boolean }> | undefined
  return {
    pid: thread.threadId,
    output,
    exited,
    hasExited: () => exit !== undefined,
    stop: (graceMs: number) =>
      (stopping ??= (async () => {
        if (exit) return { ...exit, killed: false }
        thread.postMessage('stop')
        if (await exitedWithin(exited, () => exit !== undefined, graceMs)) return { ...(exit ?? { code: 0, signal: null }), killed: false }
        await thread.terminate()
        return { ...(await exited), killed: true }
      })()),
  }
}
