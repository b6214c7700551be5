import { ConformError } from '../errors/conform-error.js'
import type { RuleLevel } from '../report/results.js'
import type { RuleDefinition } from './rule.js'

export interface RuleSelection {
  /** `ACK` (an area prefix) or `ACK-002` (one rule); empty means every rule. */
  rules: string[]
  levels: RuleLevel[]
}

/**
 * Applies the user's filters. A filter that matches no rule is an error, not
 * a silently narrower run: h2spec's users once ran zero cases green for months.
 */
export function selectRules(catalogue: readonly RuleDefinition[], selection: RuleSelection): RuleDefinition[] {
  for (const filter of selection.rules) {
    if (!catalogue.some((rule) => matches(rule, filter))) {
      throw new ConformError(
        'CONFORM_SELECTION_EMPTY',
        `conform: --rule ${filter} matches no rule. Rule ids look like ACK-001, and an area prefix like ACK selects its rules; the rules are: ${catalogue.map((r) => r.id).join(', ')}.`,
      )
    }
  }
  const selected = catalogue.filter(
    (rule) =>
      (selection.rules.length === 0 || selection.rules.some((filter) => matches(rule, filter))) &&
      (selection.levels.length === 0 || selection.levels.includes(rule.level)),
  )
  if (selected.length === 0) {
    throw new ConformError(
      'CONFORM_SELECTION_EMPTY',
      `conform: the selection (${[...selection.rules, ...selection.levels].join(', ')}) runs no rule, and a run that checks nothing is never green. Widen --rule or --level.`,
    )
  }
  return selected
}

function matches(rule: RuleDefinition, filter: string): boolean {
  const wanted = filter.toUpperCase()
  return rule.id === wanted || rule.id.startsWith(`${wanted}-`)
}
