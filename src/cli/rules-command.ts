import { Command, CommanderError, Option } from 'commander'
import { ConformError } from '../errors/conform-error.js'
import type { RuleLevel } from '../report/results.js'
import { CATALOGUE_VERSION, RULES } from '../rules/catalogue.js'
import { markdownRulesTable, rulesAsData, textRulesTable } from '../rules/rules-table.js'
import { selectRules } from '../rules/select-rules.js'

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)]

/**
 * `conform rules [--format text|markdown|json] [--rule ..] [--level ..]`:
 * the catalogue without running anything, from the same table module as
 * docs/rules.md.
 */
export function rulesCommand(argv: string[]): number {
  let text = ''
  const program = new Command('conform rules')
    .description('List the rules in the catalogue, without running anything.')
    .addOption(new Option('--format <format>', 'text for a terminal, markdown for docs, json for tools').choices(['text', 'markdown', 'json']).default('text'))
    .option('--rule <ids>', 'only these rules: an id (ACK-001) or an area prefix (ACK); repeat or comma-separate', list, [])
    .addOption(new Option('--level <level>', 'only rules of this level').choices(['MUST', 'SHOULD']).argParser((v, prev: RuleLevel[] = []) => [...prev, v as RuleLevel]))
    .exitOverride()
    .configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) })
  try {
    program.parse(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') {
      process.stdout.write(text)
      return 0
    }
    if (error instanceof CommanderError) {
      const sentence = error.message.replace(/^error: /, '').replace(/([^.])$/, '$1.')
      throw new ConformError('CONFORM_USAGE', `conform rules: ${sentence} Run \`npx conform rules --help\` for the options.`)
    }
    throw error
  }
  const options = program.opts<{ format: 'text' | 'markdown' | 'json'; rule: string[]; level?: RuleLevel[] }>()
  const rules = selectRules(RULES, { rules: options.rule, levels: options.level ?? [] })
  const counts = `${rules.length} rule(s): ${rules.filter((r) => r.level === 'MUST').length} MUST, ${rules.filter((r) => r.level === 'SHOULD').length} SHOULD`
  const output =
    options.format === 'json'
      ? `${JSON.stringify(rulesAsData(rules, CATALOGUE_VERSION), null, 2)}\n`
      : options.format === 'markdown'
        ? [`# conform rules (catalogue ${CATALOGUE_VERSION})`, '', ...markdownRulesTable(rules, { linkIds: false }), '', `${counts}.`, ''].join('\n')
        : [`conform rules, catalogue ${CATALOGUE_VERSION}`, '', ...textRulesTable(rules), '', counts, ''].join('\n')
  process.stdout.write(output)
  return 0
}
