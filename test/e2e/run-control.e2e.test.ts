import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Results } from '../../src/report/results.js'
import { REPO, runCli } from '../support/run-cli.js'
import { e2eTempDir } from '../support/e2e-temp.js'

describe('controlling a run', () => {
  it('--list shows the selection and runs nothing', async () => {
    const run = await runCli(['fixtures/workers/reference', '--list', '--rule', 'NONCE'])
    expect(run.stdout).toBe(
      [
        'NONCE-001   MUST   Acknowledge with the nonce of that dispatch',
        'NONCE-002   MUST   After InvalidNonceException, report nothing for that job',
        'NONCE-003   MUST   A re-dispatched job is claimed with its new nonce',
        '3 rule(s) would run against fixtures/workers/reference, 4 scenario(s) each',
        '',
      ].join('\n'),
    )
    expect(run.code).toBe(0)
    // A wait-bound rule plays one scenario for every five, at most its cap (ERR-002: 3).
    const capped = await runCli(['fixtures/workers/reference', '--list', '--rule', 'ERR-002'])
    expect(capped.stdout).toBe(
      [
        'ERR-002     MUST   Do not retry refusals in a tight loop (1 scenario: each waits out seconds)',
        '1 rule(s) would run against fixtures/workers/reference, 4 scenario(s) each',
        '',
      ].join('\n'),
    )
    const deeper = await runCli(['fixtures/workers/reference', '--list', '--rule', 'ERR-002', '--runs', '40'])
    expect(deeper.stdout).toContain('ERR-002     MUST   Do not retry refusals in a tight loop (3 scenarios: each waits out seconds)')
  })

  it('a worker given as a command after --, with flags for its config; the replay command keeps that form', async () => {
    const worker = ['node', '--import', 'tsx', 'fixtures/workers/nonce-002-reports-stolen-job/worker.ts']
    const run = await runCli(['--action-type', 'Build/ConformReference/1', '--env', 'POLL_INTERVAL_MS=25', '--rule', 'NONCE', '--seed', '4', '--', ...worker])
    const results = await run.results()
    expect(results.rules.map((rule) => [rule.id, rule.verdict])).toEqual([
      ['NONCE-001', 'pass'],
      ['NONCE-002', 'fail'],
      ['NONCE-003', 'pass'],
    ])
    expect(results.worker.command).toEqual(worker)
    expect(results.rules[1]?.counterexample?.replay).toMatch(
      /^npx conform --action-type Build\/ConformReference\/1 --env POLL_INTERVAL_MS=25 --rule NONCE-002 --seed 4 --replay [0-9:]+ -- node --import tsx fixtures\/workers\/nonce-002-reports-stolen-job\/worker\.ts$/,
    )
    expect(run.code).toBe(1)
  })

  it('--max-shrinks bounds the replays spent shrinking a failure; 0 reports the first failing scenario as found', async () => {
    const run = await runCli(['fixtures/workers/nonce-002-reports-stolen-job', '--rule', 'NONCE-002', '--runs', '3', '--seed', '4', '--max-shrinks', '0'])
    const results = await run.results()
    const rule = results.rules[0]
    expect([rule?.id, rule?.verdict, rule?.counterexample?.shrinks]).toEqual(['NONCE-002', 'fail', 0])
    expect(rule?.summary).toMatch(/ Shrunk 0 time\(s\) \(shrink budget spent: 0 plays, \d+ ms\)\.$/)
    expect(run.code).toBe(1)
  })

  it('a command without --action-type, and flags that belong to a command given with a folder, are usage errors', async () => {
    const missing = await runCli(['--', 'python3', 'worker.py'])
    expect(missing.stderr).toBe(
      'conform: a worker given as a command needs --action-type Category/Provider/Version (for example --action-type Build/MyProvider/1): the action type it polls for. Add it before the `--`.\n',
    )
    expect(missing.code).toBe(2)
    const misplaced = await runCli(['fixtures/workers/reference', '--env', 'A=1'])
    expect(misplaced.stderr).toBe('conform: --env describes a worker given as a command after --; a worker folder takes it from its conform.config.json instead.\n')
    expect(misplaced.code).toBe(2)
  })

  it('--timeout ends the run with a partial report marked partial, and exit 2', async () => {
    const run = await runCli(['fixtures/workers/reference', '--seed', '2', '--timeout', '3000'])
    const results = await run.results()
    expect(results.complete).toBe(false)
    expect(results.interruption).toBe('the run hit --timeout 3000 ms')
    expect(results.rules.filter((rule) => rule.verdict === 'unknown').every((rule) => rule.summary === 'Not finished: the run hit --timeout 3000 ms.')).toBe(true)
    expect(run.stderr).toContain('conform: this report is partial: the run hit --timeout 3000 ms.\n')
    expect(run.code).toBe(2)
  })

  it('Ctrl-C stops the worker and the fake, still writes what was found, and exits 130', async () => {
    const out = await e2eTempDir()
    const child = spawn(process.execPath, ['bin/conform.js', 'fixtures/workers/reference', '--seed', '2', '--out', out], {
      cwd: REPO,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk
        if (stderr.includes('conform: [1/')) resolve()
      }),
    )
    const workerPid = Number(/worker polling \(pid (\d+)\)/.exec(stderr)?.[1])
    expect(workerPid).toBeGreaterThan(0)
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(130)
    expect(stderr).toContain('conform: interrupted; stopping the worker and writing what was found (Ctrl-C again quits at once)\n')
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results
    expect(results.complete).toBe(false)
    expect(results.interruption).toBe('the run was interrupted (Ctrl-C)')
    expect(results.rules.some((rule) => rule.verdict === 'pass')).toBe(true)
    // The worker's whole process group is gone: signalling it fails.
    expect(() => process.kill(-workerPid, 0)).toThrow()
  })

  it('keeps every setting that could reach real AWS away from the worker, and --verbose streams its output', async () => {
    const home = await mkdtemp(join(tmpdir(), 'conform-home-'))
    const credentials = join(home, 'credentials')
    await writeFile(credentials, '[default]\naws_access_key_id = AKIAREALLOOKINGKEY01\naws_secret_access_key = real/looking/secret\n')
    const run = await runCli(['fixtures/harness/env-probe', '--rule', 'ACK-001', '--runs', '1', '--seed', '1', '--verbose'], {
      env: {
        AWS_PROFILE: 'production',
        AWS_SESSION_TOKEN: 'real-looking-session-token',
        AWS_ACCESS_KEY_ID: 'AKIAREALLOOKINGKEY01',
        AWS_SECRET_ACCESS_KEY: 'real/looking/secret',
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
        AWS_SHARED_CREDENTIALS_FILE: credentials,
        AWS_REGION: 'eu-west-3',
      },
    })
    const seen = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('  worker | env ') || line.startsWith('  worker | file '))
      .map((line) => line.slice('  worker | '.length).replace(/127\.0\.0\.1:\d+/, '127.0.0.1:PORT').replace(/=AKIA[A-Z0-9]{16}$/, '=AKIA<fresh>').replace(/(AWS_SECRET_ACCESS_KEY=).+$/, '$1<fresh>').replace(/(FILE=).+$/, '$1<temp>'))
    expect(seen).toEqual([
      'env AWS_ACCESS_KEY_ID=AKIA<fresh>',
      'env AWS_CONFIG_FILE=<temp>',
      'env AWS_DEFAULT_REGION=us-east-1',
      'env AWS_EC2_METADATA_DISABLED=true',
      'env AWS_ENDPOINT_URL_CODEPIPELINE=http://127.0.0.1:PORT',
      'env AWS_ENDPOINT_URL_S3=http://127.0.0.1:PORT',
      'env AWS_REGION=us-east-1',
      'env AWS_SECRET_ACCESS_KEY=<fresh>',
      'env AWS_SHARED_CREDENTIALS_FILE=<temp>',
      'file AWS_SHARED_CREDENTIALS_FILE has 0 characters',
      'file AWS_CONFIG_FILE has 0 characters',
    ])
    expect(run.stderr).not.toContain('real/looking/secret')
    expect(run.code).toBe(0)
  })
})
