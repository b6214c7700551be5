import { createHash } from 'node:crypto'
import { REPORT_SCRIPT } from './html-template.js'
import { prettyJson } from './json-text.js'
import type { Counterexample, Results, RuleResult, Verdict } from './results.js'
import { stripAnsi, truncate } from './safe-text.js'
import { countByLevel, countByVerdict, explainOverall, groupByArea, isFailing, overallVerdict, VERDICTS, type OverallVerdict } from './verdicts.js'

/**
 * Everything the HTML template shows, already turned into strings. Keeping
 * the decisions here (what is a link, what is truncated) leaves the template
 * with loops and escaped interpolations only.
 */
export interface HtmlView {
  title: string
  overall: { verdict: OverallVerdict; explanation: string }
  meta: { label: string; value: string; mono: boolean }[]
  /** Links to the rules that need attention, for the top of the page. */
  failing: { id: string; anchor: string }[]
  counts: { columns: string[]; rows: { label: string; cells: number[] }[] }
  areas: { id: string; name: string; rules: RuleView[] }[]
  /** CSP hash of the one inline script, so nothing else inline can run even if it got in. */
  scriptHash: string
  generatedBy: string
}

export interface RuleView {
  id: string
  anchor: string
  level: string
  title: string
  verdict: Verdict
  badge: string
  summary: string
  detail?: DetailView
}

export interface DetailView {
  requirement: string
  rationale: string
  /** A source that starts with an https:// URL is a link, the rest of its line a note. */
  sources: { text: string; href?: string; note?: string }[]
  findings: { message: string; expected: string[]; actual: string; where: string }[]
  shrinks?: number
  scenario?: string
  calls: CallView[]
  output: { at: string; stream: string; text: string }[]
  replay?: string
}

export interface CallView {
  seq: number
  at: string
  service: string
  operation: string
  jobId: string
  status: string
  errorType: string
  request: string
  response: string
  /** A finding points at this call. */
  flagged: boolean
}

/** Cap on one JSON block, so one huge body cannot make the report unusable. */
const JSON_CHARS = 20_000

export const BADGES: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', unknown: 'UNKNOWN', 'n/a': 'N/A' }

export function htmlView(results: Results): HtmlView {
  const byLevel = countByLevel(results.rules)
  const all = countByVerdict(results.rules)
  return {
    title: `conform report: ${results.worker.path}`,
    overall: { verdict: overallVerdict(results), explanation: explainOverall(results) },
    meta: [
      { label: 'Worker', value: results.worker.path, mono: true },
      { label: 'Command', value: commandText(results.worker.command), mono: true },
      { label: 'Action type', value: actionTypeText(results.worker.actionType), mono: false },
      { label: 'Mode', value: results.worker.mode, mono: false },
      { label: 'Seed', value: String(results.seed), mono: false },
      { label: 'Runs per rule', value: String(results.runs), mono: false },
      { label: 'Scenarios played', value: String(results.totals.scenarios), mono: false },
      { label: 'Rules selected', value: results.selection.requested.length > 0 ? results.selection.requested.join(' ') : 'all', mono: false },
      { label: 'Tool', value: `${results.tool.name} ${results.tool.version} (catalogue ${results.catalogueVersion}, Node ${results.node})`, mono: false },
      { label: 'Started', value: results.startedAt, mono: false },
      { label: 'Finished', value: `${results.finishedAt} (${(results.durationMs / 1000).toFixed(1)} s)`, mono: false },
      { label: 'Run', value: results.command, mono: true },
    ],
    counts: {
      columns: VERDICTS.map((verdict) => BADGES[verdict]),
      rows: [
        { label: 'MUST', cells: VERDICTS.map((verdict) => byLevel.MUST[verdict]) },
        { label: 'SHOULD', cells: VERDICTS.map((verdict) => byLevel.SHOULD[verdict]) },
        { label: 'All', cells: VERDICTS.map((verdict) => all[verdict]) },
      ],
    },
    failing: results.rules.filter((rule) => isFailing(rule.verdict)).map((rule) => ({ id: rule.id, anchor: `rule-${slug(rule.id)}` })),
    areas: groupByArea(results.rules).map(({ area, rules }) => ({ id: `area-${slug(area)}`, name: area, rules: rules.map(ruleView) })),
    scriptHash: `sha256-${createHash('sha256').update(REPORT_SCRIPT).digest('base64')}`,
    generatedBy: `${results.tool.name} ${results.tool.version}`,
  }
}

function ruleView(rule: RuleResult): RuleView {
  return {
    id: rule.id,
    anchor: `rule-${slug(rule.id)}`,
    level: rule.level,
    title: rule.title,
    verdict: rule.verdict,
    badge: BADGES[rule.verdict],
    summary: rule.summary,
    ...(isFailing(rule.verdict) ? { detail: detailView(rule) } : {}),
  }
}

function detailView(rule: RuleResult): DetailView {
  const example: Counterexample | undefined = rule.counterexample
  const flagged = new Set(example?.findings.map((finding) => finding.seq) ?? [])
  return {
    requirement: rule.requirement,
    rationale: rule.rationale,
    sources: rule.sources.map(sourceView),
    findings: (example?.findings ?? []).map((finding) => ({
      message: finding.message,
      expected: finding.expected,
      actual: finding.actual,
      where: [finding.jobId ? `job ${finding.jobId}` : '', finding.seq !== undefined ? `call #${finding.seq}` : ''].filter(Boolean).join(', '),
    })),
    calls: (example?.trace ?? []).map((entry) => ({
      seq: entry.seq,
      at: entry.at.toFixed(1),
      service: entry.service,
      operation: entry.operation,
      jobId: entry.jobId ?? '',
      status: String(entry.response.status),
      errorType: entry.response.errorType ?? '',
      request: truncate(prettyJson(entry.request), JSON_CHARS),
      response: entry.response.body === undefined ? '(no body)' : truncate(prettyJson(entry.response.body), JSON_CHARS),
      flagged: flagged.has(entry.seq),
    })),
    output: (example?.workerOutput ?? []).map((line) => ({ at: line.at.toFixed(0), stream: line.stream, text: stripAnsi(line.text) })),
    ...(example
      ? { shrinks: example.shrinks, scenario: truncate(prettyJson(example.scenario), JSON_CHARS), replay: example.replay }
      : {}),
  }
}

/**
 * A source becomes a link only when it starts with an https:// URL (the rest
 * of the line is a note such as "(step 3)"); anything else, a javascript: URL
 * included, stays text.
 */
function sourceView(source: string): DetailView['sources'][number] {
  const candidate = /^https:\/\/\S+/.exec(source)?.[0]
  if (!candidate || !URL.canParse(candidate) || new URL(candidate).protocol !== 'https:') return { text: source }
  const note = source.slice(candidate.length).trim()
  return { text: candidate, href: new URL(candidate).href, ...(note ? { note } : {}) }
}

function actionTypeText(type: Results['worker']['actionType']): string {
  return `${type.category} / ${type.owner} / ${type.provider} / ${type.version}`
}

function commandText(command: string[] | string): string {
  if (typeof command === 'string') return command
  return command.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ')
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x'
}
