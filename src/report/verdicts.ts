import type { Results, RuleLevel, RuleResult, Verdict } from './results.js'

/**
 * Shared readings of a Results object, so the console, JUnit and HTML
 * renderings can never disagree about what a run means.
 */

/** Every verdict, in the order reports list counts: worst news after the good. */
export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error', 'unknown', 'n/a']
export const LEVELS: readonly RuleLevel[] = ['MUST', 'SHOULD']

export type OverallVerdict = 'PASS' | 'FAIL' | 'INCOMPLETE'

/**
 * FAIL when a MUST rule failed, or a SHOULD rule in a `--strict` run (a found violation is definite even in a run
 * that ended early); otherwise INCOMPLETE when the run is not the whole truth
 * (ended early, a rule's harness broke, or no rule was judged at all: every
 * verdict unknown or n/a means the worker was never put to the test);
 * otherwise PASS.
 * Mirrors the CLI's exit codes (1, 2, 0) so the report and CI agree.
 */
export function overallVerdict(results: Results): OverallVerdict {
  if (results.rules.some((rule) => countsAgainst(results, rule) && rule.verdict === 'fail')) return 'FAIL'
  if (!results.complete || results.rules.some((rule) => rule.verdict === 'error')) return 'INCOMPLETE'
  if (!results.rules.some((rule) => rule.verdict === 'pass' || rule.verdict === 'fail')) return 'INCOMPLETE'
  return 'PASS'
}

/** A rule whose failure fails the run: every MUST rule, and SHOULD rules too under `--strict`. */
export function countsAgainst(results: Pick<Results, 'strict'>, rule: Pick<RuleResult, 'level'>): boolean {
  return rule.level === 'MUST' || results.strict === true
}

/** Counts recomputed from the rules, not read from `totals`, so a report never shows a count its rows contradict. */
export function countByVerdict(rules: readonly RuleResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, unknown: 0, 'n/a': 0 }
  for (const rule of rules) counts[rule.verdict] += 1
  return counts
}

export function countByLevel(rules: readonly RuleResult[]): Record<RuleLevel, Record<Verdict, number>> {
  return {
    MUST: countByVerdict(rules.filter((rule) => rule.level === 'MUST')),
    SHOULD: countByVerdict(rules.filter((rule) => rule.level === 'SHOULD')),
  }
}

/** A verdict that needs the reader's attention: it is listed first and expanded. */
export function isFailing(verdict: Verdict): boolean {
  return verdict === 'fail' || verdict === 'error'
}

/** Not judged at all: CI tools call these skipped. */
export function isSkipped(verdict: Verdict): boolean {
  return verdict === 'n/a' || verdict === 'unknown'
}

export interface AreaGroup {
  area: string
  rules: RuleResult[]
}

/**
 * Rules grouped by area, areas in the order their first rule appears. The
 * runner keeps the catalogue's order, which is the order the catalogue
 * author chose to present, so we keep it rather than sort alphabetically.
 */
export function groupByArea(rules: readonly RuleResult[]): AreaGroup[] {
  const groups = new Map<string, RuleResult[]>()
  for (const rule of rules) {
    const group = groups.get(rule.area)
    if (group) group.push(rule)
    else groups.set(rule.area, [rule])
  }
  return [...groups].map(([area, members]) => ({ area, rules: members }))
}

/** One sentence saying why the run got its overall verdict. */
export function explainOverall(results: Results): string {
  const mustFailed = results.rules.filter((rule) => rule.level === 'MUST' && rule.verdict === 'fail').length
  const errors = results.rules.filter((rule) => rule.verdict === 'error').length
  const shouldFailed = results.rules.filter((rule) => rule.level === 'SHOULD' && rule.verdict === 'fail').length
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  switch (overallVerdict(results)) {
    case 'FAIL': {
      const strictly = results.strict === true && shouldFailed > 0
      const failed = [...(mustFailed > 0 || !strictly ? [plural(mustFailed, 'MUST rule')] : []), ...(strictly ? [plural(shouldFailed, 'SHOULD rule')] : [])].join(' and ')
      return `${failed} failed${strictly ? ', and under --strict a SHOULD failure fails the run' : ''}${results.complete ? '' : ', and the run ended early'}.`
    }
    case 'INCOMPLETE':
      if (!results.complete) return 'The run ended early: these verdicts are not the whole truth.'
      if (results.rules.length === 0) return 'No rule was checked.'
      if (errors === 0) return 'No rule was judged: every verdict is unknown or n/a, so the worker was never put to the test.'
      return `${plural(errors, 'rule')} could not be checked because the harness or environment broke.`
    case 'PASS':
      return `Every MUST rule checked held${shouldFailed > 0 ? `; ${plural(shouldFailed, 'SHOULD rule')} failed` : ''}.`
  }
}
