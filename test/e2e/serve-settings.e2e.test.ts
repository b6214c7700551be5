import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { REPO, runCli } from '../support/run-cli.js'

describe('conform serve --set', () => {
  it('serves with the job-life settings given, prints them, and reads them back from the control endpoint', async () => {
    const child = spawn(process.execPath, ['bin/conform.js', 'serve', '--action-type', 'Build/ServeTest/1', '--quiet', '--set', 'redispatchAfterMs=1234', '--set', 'nonces=random'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.setEncoding('utf8')
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk
        if (stdout.includes('Ctrl-C stops it.')) resolve()
      }),
    )
    expect(stdout).toContain(
      'Job-life settings in force (change with --set name=value, or per job with "life" in the POST /jobs body): redispatchAfterMs=1234 nonces=random finishedJobAck=status credentialLifetimeMs=900000 continuationDelayMs=0 jobTimeoutMs=3000 actionTimeoutMs=86400000 outputVariablesMaxBytes=122880',
    )
    const [, token, control] = /Bearer ([0-9a-f]+)' -d .* (http:\/\/127\.0\.0\.1:\d+)\/jobs/.exec(stdout) ?? []
    const settings = await (await fetch(`${control}/settings`, { headers: { authorization: `Bearer ${token}` } })).json()
    expect(settings).toMatchObject({ redispatchAfterMs: 1234, nonces: 'random', jobTimeoutMs: 3000 })
    child.kill('SIGINT')
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0)
  })

  it('refuses an unknown setting with one paragraph naming the settings, exit 2', async () => {
    const run = await runCli(['serve', '--action-type', 'Build/ServeTest/1', '--set', 'redispatchMs=5'], { withOut: false })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      'conform: unknown job-life setting "redispatchMs"; the settings are redispatchAfterMs, nonces, finishedJobAck, credentialLifetimeMs, continuationDelayMs, jobTimeoutMs, actionTimeoutMs, outputVariablesMaxBytes (see docs/fake-service.md).',
    )
  })
})
