import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/rules/catalogue.js'
import { runCli } from '../support/run-cli.js'

/** Every way in that cannot run ends with one paragraph naming the cause and the fix, and exit code 2. */
describe('usage, config and environment errors exit 2 with one actionable paragraph', () => {
  it('a folder without a config', async () => {
    const run = await runCli(['fixtures/harness/no-config'])
    expect(run.stderr).toBe(
      'conform: no worker config in fixtures/harness/no-config: looked for conform.config.json, conform.config.ts, conform.config.mjs, conform.config.js and a "conform" key in package.json. Create fixtures/harness/no-config/conform.config.json, for example {"command": ["python3", "worker.py"], "actionType": {"category": "Build", "provider": "MyProvider", "version": "1"}} (the format is in the worker contract, section 2).\n',
    )
    expect(run.code).toBe(2)
  })

  it('a config with bad fields names the file, each field, the value and the fix', async () => {
    const run = await runCli(['fixtures/harness/bad-field'])
    expect(run.stderr).toBe(
      'conform: fixtures/harness/bad-field/conform.config.json is invalid: field "actionType.provider" must match [0-9A-Za-z_-]{1,35} (got "My Provider"); field "shutdownGraceMs" must be a whole number of milliseconds from 0 to 2147483647 (got "soon"). Fix those fields; the format is in the worker contract, section 2.\n',
    )
    expect(run.code).toBe(2)
  })

  it('a worker path that does not exist', async () => {
    const run = await runCli(['fixtures/harness/nowhere'])
    expect(run.stderr).toBe(
      "conform: worker path `fixtures/harness/nowhere` does not exist. Pass the folder that holds your worker's conform.config.json, e.g. `npx conform ./my-worker`.\n",
    )
    expect(run.code).toBe(2)
  })

  it('a worker that never polls: the variable to read, the config to change and its last output', async () => {
    const run = await runCli(['fixtures/harness/never-polls', '--seed', '5'])
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines[0]).toBe('conform: starting the worker in fixtures/harness/never-polls (seed 5)')
    expect(lines[1]).toMatch(
      /^conform: the worker started \(pid \d+\) but made no PollForJobs call within 1500 ms\. Is it reading AWS_ENDPOINT_URL_CODEPIPELINE \(http:\/\/127\.0\.0\.1:\d+\)\? SDKs from before late 2023 ignore that variable: pass it as the client's endpoint\. If the worker only needs longer to start, raise startupTimeoutMs in fixtures\/harness\/never-polls\/conform\.config\.json\. Its last output:$/,
    )
    expect(lines.slice(2)).toEqual(['  | worker: polling https://codepipeline.us-east-1.amazonaws.com'])
    expect(run.code).toBe(2)
  })

  it('a worker that exits before polling', async () => {
    const run = await runCli(['fixtures/harness/exits-at-once', '--seed', '5'])
    expect(run.stderr.trimEnd().split('\n').slice(1)).toEqual([
      'conform: the worker exited with code 3 before its first PollForJobs call. Check that `command` in fixtures/harness/exits-at-once/conform.config.json starts a long-running poll loop. Its last output:',
      '  ! worker: missing setting QUEUE_NAME',
    ])
    expect(run.code).toBe(2)
  })

  it('a runtime that is not installed', async () => {
    const run = await runCli(['fixtures/harness/missing-runtime', '--seed', '5'])
    expect(run.stderr.trimEnd().split('\n').slice(1)).toEqual([
      'conform: could not start the worker: `python9` was not found (command in fixtures/harness/missing-runtime/conform.config.json). Install it, or change `command` to a program on your PATH.',
    ])
    expect(run.code).toBe(2)
  })

  it('a port in use', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    try {
      const run = await runCli(['serve', '--action-type', 'Build/X/1', '--port', String(port)], { withOut: false })
      expect(run.stderr).toBe(`conform: port ${port} on 127.0.0.1 is already in use by another program; stop that program or choose another port (0 picks a free one).\n`)
      expect(run.code).toBe(2)
    } finally {
      blocker.close()
    }
  })

  it('a --rule that matches nothing is an error, never a vacuous pass', async () => {
    const run = await runCli(['fixtures/workers/reference', '--rule', 'ACKK'])
    expect(run.stderr).toBe(
      `conform: --rule ACKK matches no rule. Rule ids look like ACK-001, and an area prefix like ACK selects its rules; the rules are: ${RULES.map((rule) => rule.id).join(', ')}.\n`,
    )
    expect(run.code).toBe(2)
  })

  it('a selection that runs zero rules', async () => {
    const run = await runCli(['fixtures/workers/reference', '--rule', 'NONCE', '--level', 'SHOULD'])
    expect(run.stderr).toBe('conform: the selection (NONCE, SHOULD) runs no rule, and a run that checks nothing is never green. Widen --rule or --level.\n')
    expect(run.code).toBe(2)
  })

  it('bad flags', async () => {
    const run = await runCli(['fixtures/workers/reference', '--runs', '0'])
    expect(run.stderr).toBe("conform: option '--runs <n>' argument '0' is invalid. --runs must be an integer of at least 1. Run `npx conform --help` for the options.\n")
    expect(run.code).toBe(2)
  })

  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help'])
    expect(help.stdout).toContain('Usage: conform [options] [worker]')
    expect(help.code).toBe(0)
    const version = await runCli(['--version'])
    expect(version.stdout).toBe('0.1.0\n')
    expect(version.code).toBe(0)
  })
})
