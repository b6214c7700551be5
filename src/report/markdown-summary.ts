import { shortReplayCommand } from './replay-token.js'
import { mdCode, mdCodeBlock, mdLine, mdText } from './markdown-text.js'
import type { Results, RuleResult, Verdict } from './results.js'
import { explainOverall, isFailing, overallVerdict, type OverallVerdict } from './verdicts.js'

/** Failing rules written out in full; the rest are named, and report.html has them all. Keeps the summary far below GitHub's 1 MiB step-summary limit. */
const FAILURES_SHOWN = 20
const EXPECTED_SHOWN = 5

/** A text marker beside each symbol, so the verdict reads without colour or emoji support. */
const VERDICT_MARK: Record<Verdict, string> = { pass: '✅ PASS', fail: '❌ FAIL', error: '⚠️ ERROR', unknown: '❔ UNKNOWN', 'n/a': '➖ N/A' }
const OVERALL_MARK: Record<OverallVerdict, string> = { PASS: '✅ PASS', FAIL: '❌ FAIL', INCOMPLETE: '⚠️ INCOMPLETE' }

/**
 * summary.md: the run as GitHub-flavoured Markdown for a pull request or a
 * job's step summary: the overall verdict, one table row per rule, then each
 * failure with its requirement, first finding (expected against actual) and
 * the command that replays it. Worker-controlled text goes through `mdText`
 * or `mdCode`, so it shows literally and can neither inject HTML nor links
 * nor break the table.
 *
 * @example
 * await appendFile(process.env.GITHUB_STEP_SUMMARY, renderMarkdown(results))
 */
export function renderMarkdown(results: Results): string {
  const overall = overallVerdict(results)
  const failing = results.rules.filter((rule) => isFailing(rule.verdict))
  const lines = [
    `## conform: ${OVERALL_MARK[overall]}`,
    '',
    `**${overall}**: ${mdText(explainOverall(results))}${results.interruption ? ` ${mdText(results.interruption)}` : ''}`,
    '',
    runLine(results),
    '',
  ]
  if (results.rules.length > 0) {
    lines.push('| Rule | Level | Title | Verdict |', '| --- | --- | --- | --- |')
    for (const rule of results.rules) lines.push(`| ${mdText(rule.id)} | ${rule.level} | ${mdText(rule.title)} | ${VERDICT_MARK[rule.verdict]} |`)
    lines.push('')
  }
  const notApplicable = results.rules.filter((rule) => rule.verdict === 'n/a')
  if (notApplicable.length > 0) {
    lines.push(`### Not applicable (${notApplicable.length})`, '')
    for (const rule of notApplicable) lines.push(`- ${mdText(rule.id)}: ${mdLine(rule.summary)}`)
    lines.push('')
  }
  if (failing.length > 0) {
    lines.push(`### Failures (${failing.length})`, '')
    for (const rule of failing.slice(0, FAILURES_SHOWN)) lines.push(...failureLines(rule), '')
    const hidden = failing.slice(FAILURES_SHOWN)
    if (hidden.length > 0) lines.push(`${hidden.length} more failing rules (${hidden.map((rule) => mdText(rule.id)).join(', ')}) are in report.html.`, '')
  }
  lines.push(`<sub>${mdText(`${results.tool.name} ${results.tool.version}`)}, catalogue ${mdText(results.catalogueVersion)}. Full details, trace and worker output: report.html.</sub>`, '')
  return lines.join('\n')
}

function runLine(results: Results): string {
  const parts = [
    `Worker ${mdCode(results.worker.path)}`,
    `seed ${results.seed}`,
    `${results.rules.length} rule${results.rules.length === 1 ? '' : 's'}`,
    `${results.totals.scenarios} scenarios`,
    `${(results.durationMs / 1000).toFixed(1)} s`,
  ]
  if (results.shard) parts.push(`shard ${results.shard.index}/${results.shard.count}`)
  return parts.join(' · ')
}

function failureLines(rule: RuleResult): string[] {
  const lines = [`#### ${VERDICT_MARK[rule.verdict]} ${mdText(rule.id)} (${rule.level}): ${mdText(rule.title)}`, '', `> ${mdLine(rule.requirement)}`, '']
  const example = rule.counterexample
  const finding = example?.findings[0]
  if (!finding) {
    lines.push(mdLine(rule.summary), '')
  } else {
    const where = [finding.jobId ? `job ${mdCode(finding.jobId, 120)}` : '', finding.seq !== undefined ? `call #${finding.seq}` : ''].filter(Boolean).join(', ')
    const expected = finding.expected.slice(0, EXPECTED_SHOWN).map((option) => mdCode(option))
    if (finding.expected.length > EXPECTED_SHOWN) expected.push(`${finding.expected.length - EXPECTED_SHOWN} more`)
    lines.push(
      `${mdLine(finding.message)}${where ? ` (${where})` : ''}`,
      '',
      `- **Expected** (any of): ${expected.length > 0 ? expected.join(' or ') : '(nothing listed)'}`,
      `- **Actual**: ${mdCode(finding.actual)}`,
      '',
    )
    const more = example.findings.length - 1
    if (more > 0) lines.push(`${more} more finding${more === 1 ? '' : 's'} in report.html.`, '')
  }
  if (example) lines.push('Replay:', '', mdCodeBlock(example.replay, 'sh'))
  const short = example ? shortReplayCommand(example.replay) : undefined
  if (short) lines.push('', 'or, as a token:', '', mdCodeBlock(short, 'sh'))
  while (lines.at(-1) === '') lines.pop()
  return lines
}
