import type { RuleDefinition } from '../rules/rule.js'
import { RESULTS_SCHEMA_VERSION, type Results, type RuleResult, type Verdict } from '../report/results.js'
import type { RuleOutcome } from '../suite/suite-context.js'

/**
 * Joins the catalogue's data with each rule's outcome. A selected rule that
 * reported nothing is an `error`, never silently missing: a run must account
 * for every rule it was asked to check.
 */
export function assembleRuleResults(
  rules: readonly RuleDefinition[],
  outcomes: ReadonlyMap<string, RuleOutcome>,
  problems: readonly string[],
): RuleResult[] {
  return rules.map((rule) => {
    const outcome = outcomes.get(rule.id) ?? {
      ruleId: rule.id,
      verdict: 'error' as const,
      summary: `The suite reported no outcome for this rule${problems.length > 0 ? `: ${problems.join('; ')}` : '.'}`,
      scenariosRun: 0,
      durationMs: 0,
    }
    return {
      id: rule.id,
      area: rule.area,
      level: rule.level,
      title: rule.title,
      requirement: rule.requirement,
      rationale: rule.rationale,
      sources: rule.sources,
      verdict: outcome.verdict,
      summary: outcome.summary,
      scenariosRun: outcome.scenariosRun,
      durationMs: outcome.durationMs,
      ...(outcome.counterexample ? { counterexample: outcome.counterexample } : {}),
    }
  })
}

export function totalsOf(rules: readonly RuleResult[]): Results['totals'] {
  const totals: Record<Verdict, number> = { pass: 0, fail: 0, 'n/a': 0, error: 0, unknown: 0 }
  for (const rule of rules) totals[rule.verdict] += 1
  return { ...totals, scenarios: rules.reduce((sum, rule) => sum + rule.scenariosRun, 0) }
}

export function newResults(fields: Omit<Results, 'schemaVersion' | 'totals'>): Results {
  return { schemaVersion: RESULTS_SCHEMA_VERSION, ...fields, totals: totalsOf(fields.rules) }
}
