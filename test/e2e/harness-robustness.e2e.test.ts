import { describe, expect, it } from 'vitest'
import { isRunning } from '../support/process-alive.js'
import { runCli } from '../support/run-cli.js'

/** Whatever the worker does, conform keeps control, says what happened, and leaves nothing behind. */
/** Each test runs a whole conform session; a loaded run took 24-47 s, near Vitest's default 60 s. */
const TIMEOUT_MS = 180_000

describe('a worker that misbehaves as a process', { timeout: TIMEOUT_MS }, () => {
  it('exits during the run: it is restarted, the run completes, and the exit is recorded', async () => {
    const run = await runCli(['fixtures/harness/crashes-once', '--rule', 'RESULT-001,RESULT-002', '--runs', '5', '--seed', '3'])
    const results = await run.results()
    expect(results.rules.map((rule) => rule.verdict)).toEqual(['pass', 'pass'])
    expect(results.worker.exits).toHaveLength(1)
    expect(results.worker.exits?.[0]).toMatchObject({ code: 1, signal: null })
    expect(run.stderr).toMatch(/^conform: the worker was restarted 1 time\(s\): pid \d+ exited with code 1 at \d+ ms\.$/m)
    expect(run.code).toBe(0)
  })

  it('stops calling (hangs) during the run: it is stopped and restarted, the run completes, and the hang is recorded', async () => {
    const run = await runCli(['fixtures/harness/hangs-once', '--rule', 'RESULT-002', '--runs', '5', '--seed', '2'])
    const results = await run.results()
    expect(results.rules[0]?.verdict).toBe('pass')
    expect(results.worker.exits).toHaveLength(1)
    expect(results.worker.exits?.[0]?.hung).toBe(true)
    expect(run.stderr).toMatch(/^conform: the worker was restarted 1 time\(s\): pid \d+ made no call for a whole scenario and was stopped at \d+ ms\.$/m)
    expect(run.code).toBe(0)
  })

  it('forks a helper that ignores SIGTERM and ignores SIGTERM itself: the whole group is gone after the run', async () => {
    const run = await runCli(['fixtures/harness/forks-stubborn-grandchild', '--rule', 'ACK-001', '--runs', '3', '--seed', '1', '--verbose'])
    const helperPid = Number(/helper process (\d+) started/.exec(run.stderr)?.[1])
    expect(helperPid).toBeGreaterThan(0)
    expect(isRunning(helperPid)).toBe(false)
    expect(run.code).toBe(0)
  })

  it('floods its output with megabytes and an 8 MiB line: the run completes', async () => {
    const run = await runCli(['fixtures/harness/floods-output', '--rule', 'RESULT-001', '--runs', '5', '--seed', '1'])
    const results = await run.results()
    expect(results.rules[0]?.verdict).toBe('pass')
    expect(run.code).toBe(0)
  })
})
