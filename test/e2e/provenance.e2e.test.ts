import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configHash } from '../../src/config/config-hash.js'
import { schemaErrors } from '../support/results-schema.js'
import { runCli } from '../support/run-cli.js'

describe('results.json of a real run', () => {
  it('validates against docs/results-schema.json and says what ran, under which config, how and when', async () => {
    const run = await runCli(['fixtures/workers/reference', '--seed', '3', '--runs', '2', '--rule', 'NONCE-001,ACK-001'])
    expect(run.code).toBe(0)
    const text = await readFile(join(run.out, 'results.json'), 'utf8')
    expect(schemaErrors(JSON.parse(text))).toEqual([])
    const results = await run.results()
    const config = JSON.parse(await readFile('fixtures/workers/reference/conform.config.json', 'utf8')) as { command: string[] }
    expect(results.worker.configSource).toBe('fixtures/workers/reference/conform.config.json')
    expect(results.worker.config['command']).toEqual(config.command)
    expect(results.worker.configHash).toBe(configHash(results.worker.config))
    expect(results.worker.mode).toBe('process')
    expect(results.command).toBe(`conform fixtures/workers/reference --seed 3 --runs 2 --rule NONCE-001,ACK-001 --out ${run.out}`)
    expect(results.seed).toBe(3)
    expect(results.selection).toEqual({ requested: ['NONCE-001', 'ACK-001'], rules: ['ACK-001', 'NONCE-001'], ran: ['ACK-001', 'NONCE-001'], skipped: [], notApplicable: [] })
    expect(results.node).toBe(process.version)
    expect(Date.parse(results.finishedAt)).toBeGreaterThanOrEqual(Date.parse(results.startedAt))
    expect(results.complete).toBe(true)
  })
})
