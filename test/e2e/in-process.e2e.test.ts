import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/rules/catalogue.js'
import { runCli } from '../support/run-cli.js'
import { whyNotPassing } from '../support/why-not-passing.js'

describe('in-process mode (worker contract, section 4)', () => {
  it('runs a module exporting run({ signal }) with the same rules and handlers, and says so', async () => {
    // One scenario a rule: the reference's wider search runs in process mode (kill matrix); this shows the mode holds every rule.
    const run = await runCli(['fixtures/in-process/reference-worker.ts', '--seed', '1', '--runs', '1'])
    const results = await run.results()
    expect(results.worker.mode).toBe('in-process')
    expect(results.worker.actionType).toEqual({ category: 'Build', owner: 'Custom', provider: 'ConformReference', version: '1' })
    // A custom-action worker: the partner rules are n/a for it.
    const partnerOnly = (rule: (typeof RULES)[number]): boolean => rule.needs?.includes('partner-jobs') ?? false
    expect(results.rules.map((rule) => [rule.id, rule.verdict]), whyNotPassing(results)).toEqual(RULES.map((rule) => [rule.id, partnerOnly(rule) ? 'n/a' : 'pass']))
    expect(run.stdout).toContain('mode in-process')
    expect(run.code).toBe(0)
  }, 180_000)

  it('a module without run is refused with the fix', async () => {
    const run = await runCli(['fixtures/harness/never-polls/worker.mjs'])
    expect(run.stderr).toBe(
      "conform: fixtures/harness/never-polls/worker.mjs is not an in-process worker: it exports no run function. Export `async function run({ signal })` (your poll loop, stopping when signal aborts) and `actionType`, or pass the worker's folder with its conform.config.json instead.\n",
    )
    expect(run.code).toBe(2)
  })
})
