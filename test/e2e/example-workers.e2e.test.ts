import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { notApplicableReason } from '../../src/rules/capability.js'
import { RULES } from '../../src/rules/catalogue.js'
import { REPO, runCli } from '../support/run-cli.js'

/**
 * conform judges what crosses the wire, not the language: the same rules,
 * run by the real CLI, hold for a Python worker on boto3 and a bash worker on
 * the AWS CLI. The Python worker plays the whole catalogue. The bash worker
 * plays one rule (a stolen job, which it must drop): every AWS CLI call starts
 * a Python interpreter (~0.7 s), so a scenario takes seconds and the whole
 * catalogue 7 minutes on a 2-core machine (measured: 34 passed, 4 n/a, 439 s;
 * `npx conform fixtures/workers/example-bash` shows it).
 */
const BASH_CROSS_SECTION = ['NONCE-002']
const examples = [
  { folder: 'fixtures/workers/example-python', runs: 1, rules: undefined },
  { folder: 'fixtures/workers/example-bash', runs: 1, rules: BASH_CROSS_SECTION },
]

describe('example workers in other languages', () => {
  for (const { folder, runs, rules } of examples) {
    it(
      `${folder} keeps ${rules ? rules.join(', ') : 'every rule'} (${runs} scenario(s) each) and exits 0`,
      async () => {
        const run = await runCli([folder, '--seed', '1', '--runs', String(runs), ...(rules ? ['--rule', rules.join(',')] : [])])
        const results = await run.results()
        // The examples declare no continuation or partner settings: those rules are n/a, saying which key to add; so are the SHOULD rules their configs skip.
        // (Their secretConfiguration names ApiToken, so SEC-002 applies.)
        const config = JSON.parse(readFileSync(join(REPO, folder, 'conform.config.json'), 'utf8')) as Record<string, unknown> & { skip?: Record<string, string> }
        const skip = config.skip ?? {}
        const expected = RULES.filter((rule) => !rules || rules.includes(rule.id)).map((rule) => {
          const reason = skip[rule.id] !== undefined ? `Skipped by the worker config: ${skip[rule.id]}` : notApplicableReason(rule.needs, { lacks: [], config })
          return [rule.id, reason === undefined ? 'pass' : 'n/a', reason ?? '']
        })
        expect(results.rules.map((rule) => [rule.id, rule.verdict, rule.verdict === 'pass' ? '' : rule.summary])).toEqual(expected)
        const notApplicable = expected.filter(([, verdict]) => verdict === 'n/a').length
        expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`${expected.length - notApplicable} passed, 0 failed, ${notApplicable} skipped`)
        expect(run.code).toBe(0)
      },
      10 * 60_000,
    )
  }
})
