import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/rules/catalogue.js'
import { REPO, runCli } from '../support/run-cli.js'
import { whyNotPassing } from '../support/why-not-passing.js'

/**
 * The suite's self-proof: the reference worker keeps every rule, and each
 * broken worker (named after the rule it breaks) fails that MUST rule and no
 * other. Runs the real CLI on each fixture folder, black-box.
 */
const WORKERS = join(REPO, 'fixtures/workers')
const broken = readdirSync(WORKERS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^[a-z]+-\d{3}-/.test(entry.name))
  .map((entry) => entry.name)
const ruleOf = (folder: string): string => folder.split('-').slice(0, 2).join('-').toUpperCase()

/**
 * Each run is a conform session plus a Vitest run, and mostly waits on its
 * worker (about half a core each, measured): four at a time keep a 2-core
 * machine busy without starving the workers' timers.
 */
const MAX_PARALLEL_RUNS = 4
let running = 0
const waiting: (() => void)[] = []
async function limited<T>(run: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL_RUNS) await new Promise<void>((resolve) => waiting.push(resolve))
  running += 1
  try {
    return await run()
  } finally {
    running -= 1
    waiting.shift()?.()
  }
}
const TIMEOUT_MS = 10 * 60_000
/**
 * Every breaking worker breaks its rule in every scenario that gives it the
 * chance, so two scenarios per rule find it. The reference plays three per
 * rule here (the default twenty is `npx conform fixtures/workers/reference`).
 */
const BROKEN_RUNS = 2
/** Shrinking replays scenarios against the live worker; the matrix needs a counterexample, not the smallest one (shrinking is proven in the rule and replay tests). */
const MAX_SHRINKS = 2
const REFERENCE_RUNS = 3
/** The matrix is about MUST rules: a broken worker runs those only (SHOULD rules' breakers are proven in their rule tests). */
const mustRules = new Set(RULES.filter((rule) => rule.level === 'MUST').map((rule) => rule.id))
const brokenForMust = broken.filter((folder) => mustRules.has(ruleOf(folder)))
const areaOf = (ruleId: string): string => ruleId.split('-')[0] as string
/**
 * In `npm test` each breaking worker plays the MUST rules of its own area,
 * where a bug most easily spills into a neighbouring rule; the whole
 * cross-check (every breaking worker against every MUST rule, 35 x 35) costs
 * ~20 CPU-seconds a worker, over ten minutes on a 2-core machine, and runs
 * with `CONFORM_FULL_MATRIX=1` (npm run test:matrix).
 */
const FULL_MATRIX = process.env['CONFORM_FULL_MATRIX'] === '1'

describe('kill matrix', () => {
  it('has a breaking worker for every MUST rule', () => {
    const covered = new Set(broken.map(ruleOf))
    const uncovered = RULES.filter((rule) => rule.level === 'MUST' && !covered.has(rule.id)).map((rule) => rule.id)
    expect(uncovered).toEqual([])
  })

  // The reference is a custom-action worker: the partner rules are n/a for it (fixtures/workers/partner-reference keeps those).
  const partnerOnly = (rule: (typeof RULES)[number]): boolean => rule.needs?.includes('partner-jobs') ?? false
  const referenceVerdicts = RULES.map((rule) => [rule.id, partnerOnly(rule) ? 'n/a' : 'pass'])

  it.concurrent(
    'the reference worker keeps every rule and exits 0',
    async () => {
      const run = await limited(() => runCli(['fixtures/workers/reference', '--seed', '1', '--runs', String(REFERENCE_RUNS)]))
      expect(run.stderr).not.toMatch(/internal error/)
      const results = await run.results()
      expect(results.rules.map((rule) => [rule.id, rule.verdict]), whyNotPassing(results)).toEqual(referenceVerdicts)
      expect(results.complete).toBe(true)
      expect(results.seed).toBe(1)
      const notApplicable = RULES.filter(partnerOnly).length
      expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`${RULES.length - notApplicable} passed, 0 failed, ${notApplicable} skipped`)
      expect(run.code).toBe(0)
    },
    TIMEOUT_MS,
  )

  it.concurrent(
    'the reference worker gives the same verdicts under another seed (other scenarios, same outcome: no flakiness)',
    async () => {
      const run = await limited(() => runCli(['fixtures/workers/reference', '--seed', '2', '--runs', '2']))
      const results = await run.results()
      expect([results.seed, results.rules.map((rule) => [rule.id, rule.verdict])], whyNotPassing(results)).toEqual([2, referenceVerdicts])
      expect(run.code).toBe(0)
    },
    TIMEOUT_MS,
  )

  it('names every breaking worker after a rule in the catalogue', () => {
    expect(broken.filter((folder) => !RULES.some((rule) => rule.id === ruleOf(folder)))).toEqual([])
  })

  for (const folder of brokenForMust) {
    it.concurrent(
      `${folder} fails ${ruleOf(folder)} and no other MUST rule${FULL_MATRIX ? '' : ` of ${areaOf(ruleOf(folder))}`}, exit 1`,
      async () => {
        const selection = FULL_MATRIX ? [] : ['--rule', areaOf(ruleOf(folder))]
        const run = await limited(() => runCli([`fixtures/workers/${folder}`, '--seed', '1', '--runs', String(BROKEN_RUNS), '--max-shrinks', String(MAX_SHRINKS), '--level', 'MUST', ...selection]))
        const results = await run.results()
        const failed = results.rules.filter((rule) => rule.level === 'MUST' && rule.verdict === 'fail').map((rule) => rule.id)
        expect(failed, whyNotPassing(results)).toEqual([ruleOf(folder)])
        const rule = results.rules.find((r) => r.id === ruleOf(folder))
        expect(rule?.counterexample?.findings.length).toBeGreaterThan(0)
        expect(rule?.counterexample?.replay).toMatch(new RegExp(`^npx conform fixtures/workers/${folder} --rule ${ruleOf(folder)} --seed 1 --replay [0-9:]+$`))
        expect(run.stdout).toContain(`FAIL  ${ruleOf(folder)} (MUST)`)
        expect(run.code).toBe(1)
      },
      TIMEOUT_MS,
    )
  }
})
