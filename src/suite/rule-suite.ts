import { inject, test } from 'vitest'
import type { RuleDefinition } from '../rules/rule.js'
import { checkRule } from './check-rule.js'
import './suite-context.js'

/**
 * Declares one Vitest test per rule. The test's meta carries the rule's
 * outcome for conform's reporter; the test itself fails when the rule does,
 * so a team running the suites in its own Vitest sees the same verdicts.
 */
export function ruleSuite(rules: readonly RuleDefinition[]): void {
  const context = inject('conform')
  // Every scenario is bounded by its deadline; the test timeout only guards against a harness bug.
  const timeout = (context.runs + context.shrinkBudget + 2) * context.scenarioDeadlineMs + context.shrinkTimeMs + 30_000
  for (const rule of rules) {
    test(`${rule.id} ${rule.title}`, { timeout }, async ({ task }) => {
      const outcome = await checkRule(rule, context)
      task.meta.conform = outcome
      if (outcome.verdict === 'fail' || outcome.verdict === 'error') {
        throw new Error(`${rule.id} (${rule.level}) ${outcome.verdict}: ${outcome.summary}`)
      }
    })
  }
}
