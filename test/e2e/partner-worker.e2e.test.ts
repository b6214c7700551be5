import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

/**
 * The partner (ThirdParty) reference worker keeps the partner rules: the
 * kill matrix covers its breaking worker, this covers the worker that keeps them.
 */
describe('the partner reference worker', () => {
  it('keeps PARTNER-001 through PollForThirdPartyJobs, GetThirdPartyJobDetails and the client tokens, exit 0', async () => {
    const run = await runCli(['fixtures/workers/partner-reference', '--seed', '1', '--rule', 'PARTNER', '--runs', '5'])
    const results = await run.results()
    expect(results.rules.map((rule) => [rule.id, rule.verdict])).toEqual([['PARTNER-001', 'pass']])
    expect(run.code).toBe(0)
  }, 600_000)
})
