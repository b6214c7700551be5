import type { RuleDefinition } from './rule.js'
import { markdownRulesTable } from './rules-table.js'

/** A fixture worker that breaks one rule, as the kill matrix runs it. */
export interface BreakingWorker {
  /** Folder under fixtures/workers/, named `<rule id in lower case>-<how>`. */
  folder: string
  ruleId: string
  /** One sentence on its bug (the leading comment of its worker.ts). */
  bug: string
}

export const RULES_DOC_COMMAND = 'UPDATE_RULES_DOC=1 npx vitest run src/rules/rules-doc.test.ts'

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/**
 * docs/rules.md, rendered from the catalogue and the kill matrix: one section
 * per rule (its data, verbatim) and the table of breaking workers. Pure, so a
 * test can tell when the committed file is stale.
 */
export function renderRulesDoc(options: { rules: readonly RuleDefinition[]; catalogueVersion: string; breakingWorkers: readonly BreakingWorker[] }): string {
  const { rules, catalogueVersion, breakingWorkers } = options
  const lines: string[] = [
    '<!-- Generated from src/rules/catalogue.ts and fixtures/workers/ by src/rules/rules-doc.ts: do not edit. -->',
    `<!-- Regenerate with: ${RULES_DOC_COMMAND} -->`,
    '',
    `# conform rules (catalogue ${catalogueVersion})`,
    '',
    'Every rule conform checks, with what it requires, what the harness does to see it, why it matters and where it comes from.',
    'Rule IDs are forever: never renumbered, never reused. Select rules with `--rule <ID or area prefix>` and `--level MUST|SHOULD`.',
    '',
    ...markdownRulesTable(rules, { linkIds: true }),
    '',
  ]
  for (const rule of rules) {
    lines.push(
      `## ${rule.id}`,
      '',
      `**${rule.title}** (${rule.level}, area \`${rule.area}\`, since ${rule.since})`,
      '',
      `- **Requirement.** ${rule.requirement}`,
      `- **What the harness does.** ${rule.observe}`,
      `- **Rationale.** ${rule.rationale}`,
      ...(rule.needs && rule.needs.length > 0 ? [`- **Needs.** ${rule.needs.map((c) => `\`${c}\``).join(', ')} (a worker whose config lists one in \`capabilities.lacks\` gets n/a)`] : []),
      '- **Sources.**',
      ...rule.sources.map((source) => `  - ${source}`),
      '',
    )
  }
  lines.push(
    '## Kill matrix',
    '',
    'The suite proves itself on fixture workers (`test/e2e/kill-matrix.e2e.test.ts`): the reference worker keeps every rule,',
    'and each breaking worker fails its rule and no other MUST rule. `npm test` plays each breaking worker against the MUST',
    'rules of its own area (three scenarios each); `npm run test:matrix` plays every breaking worker against every MUST rule.',
    '',
    '| rule | breaking worker | its bug |',
    '| --- | --- | --- |',
  )
  for (const rule of rules) {
    const workers = breakingWorkers.filter((w) => w.ruleId === rule.id)
    if (workers.length === 0) lines.push(`| ${rule.id} | (none) | |`)
    for (const worker of workers) lines.push(`| ${rule.id} | [\`${worker.folder}\`](../fixtures/workers/${worker.folder}/worker.ts) | ${cell(worker.bug)} |`)
  }
  lines.push('')
  return lines.join('\n')
}
