import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

describe('--baseline and conform baseline update', () => {
  it('accepts known failures, fails on a regression or a rule gone missing, and prints the exact update for improvements', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conform-baseline-'))
    const baselineFile = join(dir, 'conform-baseline.json')
    const run = await runCli(['fixtures/workers/nonce-002-reports-stolen-job', '--seed', '11', '--runs', '3', '--max-shrinks', '2', '--rule', 'NONCE-001,NONCE-002'])
    expect(run.code).toBe(1)
    const resultsFile = join(run.out, 'results.json')

    const update = await runCli(['baseline', 'update', resultsFile, '--baseline', baselineFile], { withOut: false })
    expect(update.stderr).toBe(`conform: wrote ${baselineFile}: 2 rule(s), 1 passing; a later run with --baseline ${baselineFile} fails only if one of those stops passing.\n`)
    expect(update.code).toBe(0)
    const written = await readFile(baselineFile, 'utf8')
    const catalogueVersion = (await run.results()).catalogueVersion
    expect(written).toBe(
      `{\n  "conformBaseline": 1,\n  "catalogueVersion": "${catalogueVersion}",\n  "worker": "fixtures/workers/nonce-002-reports-stolen-job",\n  "rules": {\n    "NONCE-001": "pass",\n    "NONCE-002": "fail"\n  }\n}\n`,
    )

    // The known failure is accepted: exit 0 where the plain run exits 1.
    const same = await runCli(['report', resultsFile, '--baseline', baselineFile])
    expect(same.stderr.split('\n').filter((line) => line.startsWith('conform: ') && !line.startsWith('conform: reports written'))).toEqual([
      `conform: no regression against ${baselineFile} (2 rule(s) in the baseline).`,
    ])
    expect(same.code).toBe(0)

    // NONCE-002 "passed" before and fails now; ACK-001 passed and is missing from the run; NONCE-001 improved.
    await writeFile(baselineFile, written.replace('"NONCE-001": "pass"', '"NONCE-001": "unknown"').replace('"NONCE-002": "fail"', '"NONCE-002": "pass",\n    "ACK-001": "pass"'))
    const worse = await runCli(['report', resultsFile, '--baseline', baselineFile])
    expect(worse.stderr.split('\n').filter((line) => !line.startsWith('conform: reports written'))).toEqual([
      `conform: 2 regression(s) against ${baselineFile}: NONCE-002 was pass, now fail; ACK-001 was pass, missing from this run.`,
      `conform: 1 rule(s) improved on ${baselineFile}: NONCE-001 was unknown, now pass. Record them with \`npx conform baseline update ${join(worse.out, 'results.json')} --baseline ${baselineFile}\`, which changes ${baselineFile} so:`,
      '-    "NONCE-001": "unknown"',
      '+    "NONCE-001": "pass"',
      '',
    ])
    expect(worse.code).toBe(1)
  }, 240_000)

  it('gates a real run: an improvement alone exits 0, a missing baseline is a usage error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conform-baseline-'))
    const baselineFile = join(dir, 'conform-baseline.json')
    await writeFile(baselineFile, '{\n  "conformBaseline": 1,\n  "catalogueVersion": "0.3.0",\n  "worker": "fixtures/workers/reference",\n  "rules": {\n    "NONCE-001": "fail"\n  }\n}\n')
    const run = await runCli(['fixtures/workers/reference', '--seed', '2', '--runs', '2', '--rule', 'NONCE-001', '--baseline', baselineFile])
    expect(run.stderr).toContain(`conform: no regression against ${baselineFile} (1 rule(s) in the baseline).\nconform: 1 rule(s) improved on ${baselineFile}: NONCE-001 was fail, now pass.`)
    expect(run.stderr).toContain('-    "NONCE-001": "fail"\n+    "NONCE-001": "pass"\n')
    expect(run.code).toBe(0)

    const missing = await runCli(['report', join(run.out, 'results.json'), '--baseline', join(dir, 'absent.json')])
    expect(missing.stderr).toContain(`conform: the baseline ${join(dir, 'absent.json')} does not exist. Create it from a run you accept with \`npx conform baseline update <results.json> --baseline ${join(dir, 'absent.json')}\` and commit it.\n`)
    expect(missing.code).toBe(2)
  }, 240_000)
})
