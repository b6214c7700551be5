import type { Results } from '../../src/report/results.js'

/**
 * The summaries of the rules that neither passed nor were n/a, one a line: the
 * message of a verdict comparison, so a failure on a loaded CI machine says
 * what the rule saw, not only that it differed.
 */
export function whyNotPassing(results: Pick<Results, 'rules'>): string {
  const lines = results.rules.filter((rule) => rule.verdict !== 'pass' && rule.verdict !== 'n/a').map((rule) => `${rule.id} ${rule.verdict}: ${rule.summary}`)
  return lines.length > 0 ? `rules not passing:\n${lines.join('\n')}` : 'every rule passed or was n/a'
}
