import { afterAll, beforeAll, describe, test } from 'vitest'
import { renderFailure } from '../report/console-summary.js'
import type { Results, RuleResult } from '../report/results.js'
import { oneLine } from '../report/safe-text.js'
import { countsAgainst } from '../report/verdicts.js'
import { RULES } from '../rules/catalogue.js'
import type { RuleDefinition } from '../rules/rule.js'
import { selectRules } from '../rules/select-rules.js'
import { runConformance, type RunConformanceOptions } from './run-conformance.js'

export interface ConformanceSuiteOptions extends RunConformanceOptions {
  /** The outer describe block's name. Default `conform <worker>`. */
  name?: string
  /** How long the one conform run (in `beforeAll`) may take, in ms. Default 600000. */
  timeoutMs?: number
}

/**
 * Declares a Vitest suite for a worker: one `describe` per area, one test
 * per selected rule, all judged by a single conform run (one worker session)
 * started in `beforeAll`. A failed rule fails its test with the finding and
 * the replay command; an n/a rule is skipped with its reason; a failed SHOULD
 * rule fails its test only with `strict: true` (otherwise it passes with an
 * annotation), as it would the CLI's run. Call it at the top level of a test
 * file; worker paths are relative to the working directory Vitest runs in.
 *
 * @example
 * // worker.conformance.test.ts
 * import { conformanceSuite } from 'codepipeline-conform/vitest'
 * conformanceSuite({ worker: './my-worker', rules: ['NONCE'], runs: 5, seed: 1 })
 */
export function conformanceSuite(options: ConformanceSuiteOptions): void {
  const { name, timeoutMs = 600_000, ...runOptions } = options
  const rules = selectedRules(runOptions)
  const worker = typeof runOptions.worker === 'string' ? runOptions.worker : runOptions.worker.command.join(' ')
  let results: Results | undefined

  describe(name ?? `conform ${worker}`, () => {
    beforeAll(async () => {
      results = await runConformance(runOptions)
    }, timeoutMs)
    afterAll(() => {
      results = undefined
    })
    for (const [area, members] of byArea(rules)) {
      describe(area, () => {
        for (const rule of members) {
          test(`${rule.id} (${rule.level}) ${rule.title}`, async (context) => {
            // beforeAll failing (a config error, a worker that never polls) fails every test with its error before this runs.
            const result = results?.rules.find((r) => r.id === rule.id)
            if (!results || !result) throw new Error(`conform: ${rule.id} is missing from the run's results.`)
            if (result.verdict === 'n/a') context.skip(oneLine(result.summary))
            if (result.verdict === 'pass') return
            if (result.verdict === 'fail' && !countsAgainst(results, result)) {
              await context.annotate(`SHOULD rule failed (fails the test only with strict: true)\n${renderFailure(result)}`, 'warning')
              return
            }
            throw ruleError(result)
          })
        }
      })
    }
  })
}

/** The same selection runConformance makes, known before it runs, so the tests can be declared. */
function selectedRules(options: RunConformanceOptions): RuleDefinition[] {
  const selected = selectRules(RULES, { rules: options.rules ?? [], levels: options.levels ?? [] })
  const shard = options.shard
  return shard ? selected.filter((_, position) => position % shard.count === shard.index - 1) : selected
}

function byArea(rules: readonly RuleDefinition[]): Map<string, RuleDefinition[]> {
  const areas = new Map<string, RuleDefinition[]>()
  for (const rule of rules) areas.set(rule.area, [...(areas.get(rule.area) ?? []), rule])
  return areas
}

/** The error a failed rule's test throws: the console summary's block for it, with no stack into conform's internals. */
function ruleError(result: RuleResult): Error {
  const error = new Error(result.verdict === 'fail' || result.verdict === 'error' ? renderFailure(result) : `${result.verdict} ${result.id}: ${oneLine(result.summary)}`)
  error.name = 'ConformanceFailure'
  error.stack = `${error.name}: ${error.message}`
  return error
}
