import { compactJson } from './json-text.js'
import type { Finding, Results, RuleResult, Verdict } from './results.js'
import { shortReplayCommand } from './replay-token.js'
import { oneLine, truncate } from './safe-text.js'
import { countByVerdict, isFailing, overallVerdict } from './verdicts.js'

export interface ConsoleSummaryOptions {
  /** ANSI colour; the CLI decides (TTY, NO_COLOR, CI), never this module. */
  color: boolean
}

/** Findings printed per failing rule; the HTML report has all of them. */
const FINDINGS_SHOWN = 3
const SCENARIO_CHARS = 300

/**
 * The console summary: failures first, each with everything needed to act on
 * it (requirement, expected against actual, scenario, replay command), then
 * one line per other rule, then totals. The last line is always
 * `N passed, N failed, N skipped` so CI log readers can pick it up.
 * Every string from the run goes through `oneLine`: a worker's output must
 * not be able to recolour or rewrite the user's terminal.
 *
 * @example
 * process.stdout.write(renderConsoleSummary(results, { color: process.stdout.isTTY }))
 */
export function renderConsoleSummary(results: Results, options: ConsoleSummaryOptions): string {
  const paint = painter(options.color)
  const failing = results.rules.filter((rule) => isFailing(rule.verdict))
  const others = results.rules.filter((rule) => !isFailing(rule.verdict))
  const counts = countByVerdict(results.rules)
  const overall = overallVerdict(results)
  const lines = [
    `conform ${oneLine(results.tool.version)}: worker ${oneLine(results.worker.path)}, seed ${results.seed}, mode ${results.worker.mode}, ${results.runs} runs per rule`,
    '',
  ]
  for (const rule of failing) lines.push(...failureBlock(rule, paint), '')
  for (const rule of others) lines.push(ruleLine(rule, paint))
  if (others.length > 0) lines.push('')
  if (!results.complete) lines.push(paint.yellow('INCOMPLETE: the run ended early; these verdicts are not the whole truth.'))
  if (results.rules.length === 0) lines.push(paint.yellow('No rule was checked.'))
  const overallText = overall === 'PASS' ? paint.green(overall) : overall === 'FAIL' ? paint.red(overall) : paint.yellow(overall)
  lines.push(
    `${overallText}: ${results.rules.length} rules (${counts.pass} pass, ${counts.fail} fail, ${counts.error} error, ${counts.unknown} unknown, ${counts['n/a']} n/a), ${results.totals.scenarios} scenarios in ${(results.durationMs / 1000).toFixed(1)} s`,
    // Uncoloured and last, in a fixed shape, for CI log parsers.
    `${counts.pass} passed, ${counts.fail + counts.error} failed, ${counts['n/a'] + counts.unknown} skipped`,
  )
  return `${lines.join('\n')}\n`
}

const LABEL: Record<Verdict, string> = { pass: 'pass', fail: 'FAIL', error: 'ERROR', unknown: 'unknown', 'n/a': 'n/a' }

function heading(rule: RuleResult, paint: Painter): string {
  const label = LABEL[rule.verdict].padEnd(5)
  const coloured = rule.verdict === 'pass' ? paint.green(label) : isFailing(rule.verdict) ? paint.red(label) : rule.verdict === 'unknown' ? paint.yellow(label) : paint.dim(label)
  return `${coloured} ${rule.id} (${rule.level}) ${oneLine(rule.title)}`
}

function ruleLine(rule: RuleResult, paint: Painter): string {
  return rule.verdict === 'pass' ? heading(rule, paint) : `${heading(rule, paint)} ${paint.dim(`(${oneLine(rule.summary)})`)}`
}

/**
 * One failing rule as the console summary shows it (requirement, findings,
 * scenario, replay commands), uncoloured: for an error message elsewhere,
 * such as a failed test of the Vitest entry.
 */
export function renderFailure(rule: RuleResult): string {
  return failureBlock(rule, painter(false)).join('\n')
}

function failureBlock(rule: RuleResult, paint: Painter): string[] {
  const pad = '      '
  const lines = [paint.bold(heading(rule, paint)), `${pad}${oneLine(rule.requirement)}`]
  const example = rule.counterexample
  if (!example || example.findings.length === 0) lines.push(`${pad}${oneLine(rule.summary)}`)
  if (!example) return lines
  for (const finding of example.findings.slice(0, FINDINGS_SHOWN)) lines.push(...findingLines(finding, pad))
  const hidden = example.findings.length - FINDINGS_SHOWN
  if (hidden > 0) lines.push(`${pad}${paint.dim(`(${hidden} more finding${hidden === 1 ? '' : 's'} in report.html)`)}`)
  lines.push(
    `${pad}scenario (${example.shrinks} shrink${example.shrinks === 1 ? '' : 's'}): ${truncate(oneLine(compactJson(example.scenario)), SCENARIO_CHARS)}`,
    `${pad}replay: ${paint.cyan(oneLine(example.replay))}`,
  )
  const short = shortReplayCommand(example.replay)
  if (short) lines.push(`${pad}    or: ${paint.cyan(oneLine(short))}`)
  return lines
}

function findingLines(finding: Finding, pad: string): string[] {
  const [first = '(nothing)', ...rest] = finding.expected.map(oneLine)
  return [
    `${pad}- ${oneLine(finding.message)}`,
    `${pad}    expected: ${first}`,
    ...rest.map((alternative) => `${pad}          or: ${alternative}`),
    `${pad}    actual:   ${oneLine(finding.actual)}`,
  ]
}

type Painter = Record<'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold', (text: string) => string>

function painter(color: boolean): Painter {
  const sgr = (open: number, close: number) => (text: string) => (color ? `\x1b[${open}m${text}\x1b[${close}m` : text)
  return { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), dim: sgr(2, 22), bold: sgr(1, 22) }
}
