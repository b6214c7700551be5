import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

/**
 * SHOULD rules are not in the MUST kill matrix; their breaking workers are
 * proven here: the breaker fails its rule, the reference keeps it.
 */
describe('TIME-001 give up on hung work before the job times out', () => {
  it('fails the worker without a deadline of its own, and passes the reference (JOB_DEADLINE_MS below the job timeout)', async () => {
    const broken = await runCli(['fixtures/workers/time-001-no-own-deadline', '--seed', '1', '--runs', '2', '--rule', 'TIME-001', '--max-shrinks', '2'])
    const brokenRule = (await broken.results()).rules.find((rule) => rule.id === 'TIME-001')
    expect(brokenRule?.verdict).toBe('fail')
    expect(brokenRule?.counterexample?.findings[0]?.message).toMatch(/^Job [0-9a-f-]{36} timed out while its work hung: the worker reported no result before the job timeout\.$/)
    // A SHOULD failure does not fail the run.
    expect(broken.code).toBe(0)
    const reference = await runCli(['fixtures/workers/reference', '--seed', '1', '--runs', '2', '--rule', 'TIME-001'])
    expect((await reference.results()).rules.map((rule) => [rule.id, rule.verdict])).toEqual([['TIME-001', 'pass']])
  }, 600_000)
})
