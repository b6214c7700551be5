import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isConformError } from '../errors/conform-error.js'
import type { OutputLine } from './output-capture.js'
import { startProcessWorker, type ProcessWorker } from './process-worker.js'
import { buildWorkerEnvironment } from './worker-environment.js'

let dir: string
/** For the tests that wait a whole grace out: long enough for a loaded machine to run the child's SIGTERM handler first. */
const GRACE_MS = 2000

const started: ProcessWorker[] = []
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-worker-'))
})
afterEach(async () => {
  // A failed assertion must not leave workers behind.
  await Promise.all(started.splice(0).map((worker) => worker.stop(0)))
  await rm(dir, { recursive: true, force: true })
})

/** Starts `node -e script` as a worker, with this process's environment. */
async function nodeWorker(script: string, env: Record<string, string> = process.env as Record<string, string>): Promise<ProcessWorker> {
  const worker = await startProcessWorker({ command: [process.execPath, '-e', script], cwd: dir, env, clock: tickingClock(), configSource: join(dir, 'conform.config.json') })
  started.push(worker)
  return worker
}

function tickingClock(): () => number {
  let now = 0
  return () => ++now
}

/** Resolves with the first line (already printed or still to come) that passes `test`. */
function lineMatching(worker: ProcessWorker, test: (line: OutputLine) => boolean): Promise<OutputLine> {
  return new Promise((resolve, reject) => {
    const unsubscribe = worker.output.subscribe((line) => {
      if (!test(line)) return
      unsubscribe()
      resolve(line)
    })
    const earlier = worker.output.lines().find(test)
    if (earlier) {
      unsubscribe()
      resolve(earlier)
    }
    void worker.exited.then(() => reject(new Error(`the worker exited first; it printed:\n${worker.output.lines().map((l) => l.text).join('\n')}`)))
  })
}

/** Whether `pid` is still running. A zombie (dead, not yet reaped) does not count: it runs no code. */
async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  if (process.platform !== 'linux') return true
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
  const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]
  return state !== undefined && state !== '' && state !== 'Z'
}

async function startError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isConformError(error)) throw new Error(`expected a ConformError, got ${String(error)}`, { cause: error })
  return { code: error.code, message: error.message }
}

describe('startProcessWorker', () => {
  it('captures both streams, each in order, and reports the exit', async () => {
    const worker = await nodeWorker(`
      for (let i = 1; i <= 3; i++) { process.stdout.write('out ' + i + '\\n'); process.stderr.write('err ' + i + '\\n') }
      process.stdout.write('last words')
      process.exitCode = 3`)
    expect(worker.pid).toBeGreaterThan(0)
    expect(await worker.exited).toEqual({ code: 3, signal: null })
    expect(worker.hasExited()).toBe(true)
    const lines = worker.output.lines()
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['out 1', 'out 2', 'out 3', 'last words'])
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['err 1', 'err 2', 'err 3'])
    const times = lines.map((l) => l.at)
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  it('runs a string command through /bin/sh in the worker folder', async () => {
    const worker = await startProcessWorker({ command: 'echo "in $(pwd)" && echo oops >&2', cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, clock: () => 0, configSource: join(dir, 'conform.config.json') })
    started.push(worker)
    expect(await worker.exited).toEqual({ code: 0, signal: null })
    expect(worker.output.lines().map((l) => [l.stream, l.text])).toEqual([
      ['stdout', `in ${dir}`],
      ['stderr', 'oops'],
    ])
  })

  it('stops a worker that honours SIGTERM without SIGKILL', async () => {
    const worker = await nodeWorker(`process.on('SIGTERM', () => { console.log('bye'); process.exit(0) }); console.log('ready'); setInterval(() => {}, 1000)`)
    await lineMatching(worker, (l) => l.text === 'ready')
    expect(await worker.stop(10_000)).toEqual({ code: 0, signal: null, killed: false })
    expect(worker.output.last(1).map((l) => l.text)).toEqual(['bye'])
    expect(await isRunning(worker.pid)).toBe(false)
  })

  it('does not read a worker that exited within the grace as killed when conform itself stalled past the grace', async () => {
    const worker = await nodeWorker(`console.log('ready'); setInterval(() => {}, 1000)`)
    await lineMatching(worker, (l) => l.text === 'ready')
    const stopping = worker.stop(200)
    // SIGTERM has left; the worker dies of it at once, while this thread is blocked past the grace
    // (a loaded machine, a long synchronous task): the grace timer and the exit are then both due.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600)
    expect(await stopping).toEqual({ code: null, signal: 'SIGTERM', killed: false })
  })

  it('sends SIGKILL to a worker that ignores SIGTERM once the grace is over', async () => {
    const worker = await nodeWorker(`process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('ready'); setInterval(() => {}, 1000)`)
    await lineMatching(worker, (l) => l.text === 'ready')
    expect(await worker.stop(GRACE_MS)).toEqual({ code: null, signal: 'SIGKILL', killed: true })
    expect(worker.output.lines().map((l) => l.text)).toEqual(['ready', 'ignoring SIGTERM'])
    expect(await isRunning(worker.pid)).toBe(false)
  })

  it('leaves no member of the process group running, grandchildren that ignore SIGTERM included', async () => {
    const grandchild = `process.on('SIGTERM', () => {}); console.log('grandchild ' + process.pid); setInterval(() => {}, 1000)`
    const worker = await nodeWorker(`
      const { spawn } = require('node:child_process')
      spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'inherit', 'inherit'] })
      process.on('SIGTERM', () => process.exit(0))
      setInterval(() => {}, 1000)`)
    const line = await lineMatching(worker, (l) => l.text.startsWith('grandchild '))
    const grandchildPid = Number(line.text.split(' ')[1])
    expect(await isRunning(grandchildPid)).toBe(true)
    const stopped = await worker.stop(GRACE_MS)
    expect(stopped).toEqual({ code: 0, signal: null, killed: true })
    expect(await isRunning(worker.pid)).toBe(false)
    expect(await isRunning(grandchildPid)).toBe(false)
  })

  it('stop() after the worker exited on its own, and a second stop(), report the same exit', async () => {
    const worker = await nodeWorker(`process.exit(5)`)
    await worker.exited
    const first = worker.stop(1000)
    expect(worker.stop(1000)).toBe(first)
    expect(await first).toEqual({ code: 5, signal: null, killed: false })
  })

  it('keeps its output bounded when the worker floods it (50 MB, one 10 MB line without a newline)', async () => {
    const worker = await nodeWorker(`
      const megabyteOfLines = ('x'.repeat(99) + '\\n').repeat(10000)
      for (let i = 0; i < 40; i++) process.stdout.write(megabyteOfLines)
      process.stderr.write('y'.repeat(10 * 1024 * 1024))`)
    let total = 0
    worker.output.subscribe(() => (total += 1))
    expect(await worker.exited).toEqual({ code: 0, signal: null })
    const lines = worker.output.lines()
    expect(total).toBe(400_001)
    expect(lines).toHaveLength(200 + 1 + 2000)
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text.length)).toEqual([
      '[conform: 397801 lines not kept; the first 200 and the last 2000 are]'.length,
      `${'y'.repeat(4096)} [conform: ${10 * 1024 * 1024 - 4096} more characters of this line not kept]`.length,
    ])
    expect(Math.max(...lines.map((l) => l.text.length))).toBeLessThan(4200)
  })

  it('passes the cleaned environment: no real-AWS variables, the fake endpoints', async () => {
    const parentEnv = {
      ...process.env,
      AWS_PROFILE: 'prod',
      AWS_SESSION_TOKEN: 'real-session-token',
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
    }
    const env = buildWorkerEnvironment({
      parentEnv,
      codepipelineEndpoint: 'http://127.0.0.1:4000',
      s3Endpoint: 'http://127.0.0.1:4001',
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIATESTTESTTEST', secretAccessKey: 'test-secret' },
      configEnv: { POLL_INTERVAL_MS: '200' },
      tmpDir: dir,
    })
    const worker = await nodeWorker(
      `for (const [k, v] of Object.entries(process.env).sort()) if (/^(AWS_|AMAZON_|ECS_|CONFORM|POLL_)/.test(k)) console.log(k + '=' + v)`,
      env,
    )
    expect(await worker.exited).toEqual({ code: 0, signal: null })
    expect(worker.output.lines().map((l) => l.text)).toEqual([
      `AWS_ACCESS_KEY_ID=AKIATESTTESTTEST`,
      `AWS_CONFIG_FILE=${join(dir, 'aws-config')}`,
      `AWS_DEFAULT_REGION=us-east-1`,
      `AWS_EC2_METADATA_DISABLED=true`,
      `AWS_ENDPOINT_URL_CODEPIPELINE=http://127.0.0.1:4000`,
      `AWS_ENDPOINT_URL_S3=http://127.0.0.1:4001`,
      `AWS_REGION=us-east-1`,
      `AWS_SECRET_ACCESS_KEY=test-secret`,
      `AWS_SHARED_CREDENTIALS_FILE=${join(dir, 'aws-credentials')}`,
      `CONFORM=1`,
      `POLL_INTERVAL_MS=200`,
    ])
  })
})

describe('startProcessWorker: start errors', () => {
  it('CONFORM_WORKER_START_FAILED when the program is not installed', async () => {
    const source = join(dir, 'conform.config.json')
    const start = startProcessWorker({ command: ['conform-no-such-program', 'worker.py'], cwd: dir, env: { PATH: '/usr/bin:/bin' }, clock: () => 0, configSource: source })
    expect(await startError(start)).toEqual({
      code: 'CONFORM_WORKER_START_FAILED',
      message: `conform: could not start the worker: \`conform-no-such-program\` was not found (command in ${source}). Install it, or change \`command\` to a program on your PATH.`,
    })
  })

  it('CONFORM_WORKER_START_FAILED when a relative path does not exist', async () => {
    const source = join(dir, 'conform.config.json')
    const start = startProcessWorker({ command: ['./bin/worker'], cwd: dir, env: {}, clock: () => 0, configSource: source })
    expect(await startError(start)).toEqual({
      code: 'CONFORM_WORKER_START_FAILED',
      message: `conform: could not start the worker: \`./bin/worker\` was not found (command in ${source}; a relative path starts from ${dir}). Fix the path in \`command\`.`,
    })
  })

  it('CONFORM_WORKER_START_FAILED when the script is not executable', async () => {
    await writeFile(join(dir, 'worker.sh'), '#!/bin/sh\necho hi\n')
    await chmod(join(dir, 'worker.sh'), 0o644)
    const source = join(dir, 'conform.config.json')
    const start = startProcessWorker({ command: ['./worker.sh'], cwd: dir, env: {}, clock: () => 0, configSource: source })
    expect(await startError(start)).toEqual({
      code: 'CONFORM_WORKER_START_FAILED',
      message: `conform: could not start the worker: \`./worker.sh\` is not executable (command in ${source}). Make it executable (\`chmod +x ./worker.sh\`), or change \`command\` to run it through its interpreter, e.g. ["sh", "./worker.sh"].`,
    })
  })

  it('CONFORM_WORKER_START_FAILED when the worker folder is gone', async () => {
    const source = join(dir, 'gone', 'conform.config.json')
    const start = startProcessWorker({ command: ['node'], cwd: join(dir, 'gone'), env: {}, clock: () => 0, configSource: source })
    expect(await startError(start)).toEqual({
      code: 'CONFORM_WORKER_START_FAILED',
      message: `conform: could not start the worker: its working directory ${join(dir, 'gone')} does not exist (the folder of ${source}). Check that the folder was not moved or deleted during the run.`,
    })
  })
})
