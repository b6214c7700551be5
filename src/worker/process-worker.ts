import { spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { displayPath } from '../config/display-path.js'
import { ConformError } from '../errors/conform-error.js'
import { exitedWithin } from './exited-within.js'
import { OutputCapture } from './output-capture.js'
import { signalGroup, waitForGroupGone } from './process-group.js'
import { startFailed, workingDirectoryMissing } from './start-failed.js'

export interface WorkerExit {
  code: number | null
  signal: string | null
}

export interface ProcessWorker {
  readonly pid: number
  readonly output: OutputCapture
  /** Settles when the worker process exits (and its output has been read, or could not be for a moment). Never rejects. */
  readonly exited: Promise<WorkerExit>
  hasExited(): boolean
  /**
   * SIGTERM to the whole process group, SIGKILL after `graceMs` to whatever
   * is left; resolves once no member of the group is running. `killed` says
   * SIGKILL was needed, for the worker or for anything it started.
   * Calling it again returns the same promise.
   */
  stop(graceMs: number): Promise<WorkerExit & { killed: boolean }>
}

export interface StartProcessWorkerOptions {
  /** An argv array, or a string run by `/bin/sh -c`. */
  command: string[] | string
  cwd: string
  env: Record<string, string>
  clock: () => number
  /** The config file `command` came from, named in start errors. */
  configSource: string
}

/** How long, after SIGKILL, the group may take to disappear before stop() reports it could not. */
const KILL_SETTLE_MS = 5000
/**
 * After the worker exits, how long to wait for its output pipes to close.
 * A grandchild holding them open would otherwise keep `exited` pending
 * while the worker is already gone.
 */
const OUTPUT_DRAIN_MS = 250

/**
 * Starts the worker as the leader of its own process group, stdin closed,
 * stdout and stderr captured. Resolves once the process exists; rejects
 * with CONFORM_WORKER_START_FAILED when it cannot be spawned.
 *
 * @example
 * const worker = await startProcessWorker({ command: ['python3', 'worker.py'], cwd, env, clock, configSource })
 * const { killed } = await worker.stop(5000)
 */
export async function startProcessWorker(options: StartProcessWorkerOptions): Promise<ProcessWorker> {
  const [program, ...args] = typeof options.command === 'string' ? ['/bin/sh', '-c', options.command] : options.command
  if (program === undefined || program === '') {
    throw new ConformError('CONFORM_CONFIG_INVALID', `conform: \`command\` in ${displayPath(options.configSource)} is empty. Give the program to run, e.g. ["python3", "worker.py"].`)
  }
  // spawn reports a missing cwd as ENOENT of the program, which would blame the wrong thing.
  const cwdIsFolder = await stat(options.cwd).then((s) => s.isDirectory(), () => false)
  if (!cwdIsFolder) throw workingDirectoryMissing(options)

  const child = spawn(program, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const output = new OutputCapture({ clock: options.clock })
  output.attach(child.stdout, 'stdout')
  output.attach(child.stderr, 'stderr')

  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', (error) => reject(startFailed(error, { program, cwd: options.cwd, configSource: options.configSource })))
  })
  const pid = child.pid
  if (pid === undefined) throw new ConformError('CONFORM_INTERNAL', 'conform: the worker spawned without a pid.')

  let hasExited = false
  const exited = new Promise<WorkerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true
      const exit = { code, signal }
      const drained = setTimeout(() => resolve(exit), OUTPUT_DRAIN_MS)
      child.once('close', () => {
        clearTimeout(drained)
        resolve(exit)
      })
    })
  })

  let stopping: Promise<WorkerExit & { killed: boolean }> | undefined
  const stop = (graceMs: number): Promise<WorkerExit & { killed: boolean }> => {
    stopping ??= stopGroup(pid, exited, () => hasExited, graceMs)
    return stopping
  }
  return { pid, output, exited, hasExited: () => hasExited, stop }
}

/**
 * The shutdown the contract promises (section 5): SIGTERM to the group,
 * SIGKILL after the grace. Members that outlive the worker get the rest of
 * the grace too, then SIGKILL: nothing the worker started may outlive the run.
 */
async function stopGroup(pgid: number, exited: Promise<WorkerExit>, hasExited: () => boolean, graceMs: number): Promise<WorkerExit & { killed: boolean }> {
  const deadline = performance.now() + graceMs
  signalGroup(pgid, 'SIGTERM')
  const leaderGone = await exitedWithin(exited, hasExited, graceMs)
  const groupGone = leaderGone && (await waitForGroupGone(pgid, Math.max(0, deadline - performance.now())))
  const killed = !groupGone && signalGroup(pgid, 'SIGKILL')
  const exit = await exited
  if (!(await waitForGroupGone(pgid, KILL_SETTLE_MS))) {
    throw new ConformError(
      'CONFORM_INTERNAL',
      `conform: the worker's process group ${pgid} still has running members ${KILL_SETTLE_MS} ms after SIGKILL. List them with \`pgrep -g ${pgid}\` and end them by hand.`,
    )
  }
  return { ...exit, killed }
}
