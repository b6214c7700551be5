import type { RuleDefinition } from './rule.js'

/**
 * The catalogue as a table, in the three forms people read it: the terminal
 * (`conform rules`), Markdown (`conform rules --format markdown` and the top
 * of docs/rules.md) and JSON for tools. One module so the CLI and the
 * generated doc can never list the rules differently.
 */

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** The Markdown table of rules; `linkIds` links each ID to its section (docs/rules.md has one per rule). */
export function markdownRulesTable(rules: readonly RuleDefinition[], options: { linkIds: boolean }): string[] {
  return [
    '| ID | level | title | since |',
    '| --- | --- | --- | --- |',
    ...rules.map((rule) => `| ${options.linkIds ? `[${rule.id}](#${rule.id.toLowerCase()})` : rule.id} | ${rule.level} | ${cell(rule.title)} | ${rule.since} |`),
  ]
}

/** Aligned columns for a terminal; the title last, so long titles wrap without breaking the alignment. */
export function textRulesTable(rules: readonly RuleDefinition[]): string[] {
  const idWidth = Math.max(2, ...rules.map((rule) => rule.id.length))
  const sinceWidth = Math.max(5, ...rules.map((rule) => rule.since.length))
  const row = (id: string, level: string, since: string, title: string): string => `${id.padEnd(idWidth)}  ${level.padEnd(6)}  ${since.padEnd(sinceWidth)}  ${title}`
  return [row('ID', 'LEVEL', 'SINCE', 'TITLE'), ...rules.map((rule) => row(rule.id, rule.level, rule.since, rule.title.replaceAll('\n', ' ')))]
}

/** Every rule's data (not its scenario or check, which are code), for tools that read the catalogue. */
export function rulesAsData(rules: readonly RuleDefinition[], catalogueVersion: string): { catalogueVersion: string; rules: RuleData[] } {
  return {
    catalogueVersion,
    rules: rules.map((rule) => ({
      id: rule.id,
      area: rule.area,
      level: rule.level,
      title: rule.title,
      requirement: rule.requirement,
      observe: rule.observe,
      rationale: rule.rationale,
      sources: [...rule.sources],
      since: rule.since,
      needs: [...(rule.needs ?? [])],
    })),
  }
}

export interface RuleData {
  id: string
  area: string
  level: RuleDefinition['level']
  title: string
  requirement: string
  observe: string
  rationale: string
  sources: string[]
  since: string
  needs: string[]
}
