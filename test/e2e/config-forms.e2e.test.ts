import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

/** Each folder configures the reference worker in one of the forms of the worker contract, section 1. */
const FORMS = [
  ['conform.config.ts with defineConfig', 'fixtures/harness/config-forms/ts'],
  ['conform.config.mjs', 'fixtures/harness/config-forms/mjs'],
  ['conform.config.js', 'fixtures/harness/config-forms/js'],
  ['a "conform" key in package.json', 'fixtures/harness/config-forms/package-json'],
] as const

describe('config forms', () => {
  for (const [form, folder] of FORMS) {
    it(`runs a worker configured by ${form}`, async () => {
      const run = await runCli([folder, '--rule', 'ACK-001', '--runs', '1', '--seed', '1'])
      const results = await run.results()
      expect([results.worker.path, results.worker.actionType.provider, results.rules.map((rule) => [rule.id, rule.verdict])]).toEqual([folder, 'ConformReference', [['ACK-001', 'pass']]])
      expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed, 0 skipped')
      expect(run.code).toBe(0)
    }, 180_000)
  }

  it('a config that does not parse is one message naming the file and the place, exit 2', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'conform-unreadable-'))
    await writeFile(join(folder, 'conform.config.json'), '{\n  "command": ["node", "w.js"],\n  "actionType": \n')
    const run = await runCli([folder])
    expect(run.stderr).toBe(`conform: ${join(folder, 'conform.config.json')} is not valid JSON: Unexpected end of input at line 4, column 1. Fix the syntax there (JSON allows no comments and no trailing commas).\n`)
    expect(run.stdout).toBe('')
    expect(run.code).toBe(2)
  })
})
