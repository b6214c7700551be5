import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { notApplicableReason } from '../../src/rules/capability.js'
import { RULES } from '../../src/rules/catalogue.js'
import { REPO, runCli } from '../support/run-cli.js'

/**
 * conform judges what crosses the wire, not the language: the same rules,
 * run by the real CLI, hold for a Python worker on boto3 and a bash worker on
 * the AWS CLI. Few runs each (every AWS CLI call starts a Python interpreter),
 * one after the other on a small machine.
 */
const examples = [
  { folder: 'fixtures/workers/example-python', runs: 3 },
  { folder: 'fixtures/workers/example-bash', runs: 1 },
]

describe('example workers in other languages', () => {
  for (const { folder, runs } of examples) {
    it(
      `${folder} keeps every rule (${runs} scenario(s) each) and exits 0`,
      async () => {
        const run = await runCli([folder, '--seed', '1', '--runs', String(runs)])
        const results = await run.results()
        // The examples declare no continuation or partner settings: those rules are n/a, saying which key to add; so are the SHOULD rules their configs skip.
        const { skip = {} } = JSON.parse(readFileSync(join(REPO, folder, 'conform.config.json'), 'utf8')) as { skip?: Record<string, string> }
        const expected = RULES.map((rule) => {
          const reason = skip[rule.id] !== undefined ? `Skipped by the worker config: ${skip[rule.id]}` : notApplicableReason(rule.needs, { lacks: [], config: {} })
          return [rule.id, reason === undefined ? 'pass' : 'n/a', reason ?? '']
        })
        expect(results.rules.map((rule) => [rule.id, rule.verdict, rule.verdict === 'pass' ? '' : rule.summary])).toEqual(expected)
        const notApplicable = expected.filter(([, verdict]) => verdict === 'n/a').length
        expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`${RULES.length - notApplicable} passed, 0 failed, ${notApplicable} skipped`)
        expect(run.code).toBe(0)
      },
      10 * 60_000,
    )
  }
})
