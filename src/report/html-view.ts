import { createHash } from 'node:crypto'
import { REPORT_SCRIPT } from './html-template.js'
import { prettyJson } from './json-text.js'
import type { Counterexample, Results, RuleResult, Verdict } from './results.js'
import { count, cutWithNote, ReportBudget } from './report-budget.js'
import { stripAnsi } from './safe-text.js'
import { sequenceDiagram, type SequenceDiagram } from './sequence-diagram.js'
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
  /** The verdicts and levels present, for the filter controls. */
  filters: { verdicts: { value: Verdict; label: string }[]; levels: string[] }
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
  /** The calls shown, with a gap row where calls were left out of a long trace. */
  calls: (CallView | GapView)[]
  /** The output lines shown, with a gap row where lines were left out of a long log. */
  output: ({ at: string; stream: string; text: string } | GapView)[]
  replay?: string
  /** The calls between worker, CodePipeline and S3, drawn as inline SVG; absent when there are none. */
  diagram?: SequenceDiagram
}

/** Stands for rows left out to keep the report small; says how many and where they are. */
export interface GapView {
  gap: string
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

/** Cap on the scenario's JSON, so one huge scenario cannot make the report unusable. */
const SCENARIO_CHARS = 20_000
/** Cap on one request or response body. */
const BODY_CHARS = 4_000
/** Cap on one line of worker output, one finding text. */
const LINE_CHARS = 2_000
/** A long trace shows its first and last calls, and every flagged call with its neighbours. */
const CALLS_HEAD = 40
const CALLS_TAIL = 20
const CALLS_AROUND_FLAG = 2
/** A long log shows its first and last lines: the start says how the worker began, the end what it did last. */
const OUTPUT_HEAD = 50
const OUTPUT_TAIL = 150
/**
 * Budget for the worker-controlled text of the whole report, counted as
 * escaped HTML; with the template around it the file stays well under 5 MB.
 */
const REPORT_BUDGET = 3_200_000
/** What the template adds around one call row and one output line, charged to the budget too. */
const CALL_ROW_MARKUP = 900
const OUTPUT_LINE_MARKUP = 60

export const BADGES: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', unknown: 'UNKNOWN', 'n/a': 'N/A' }

export function htmlView(results: Results): HtmlView {
  const byLevel = countByLevel(results.rules)
  const all = countByVerdict(results.rules)
  const budget = new ReportBudget(REPORT_BUDGET)
  return {
    title: `conform report: ${results.worker.path}`,
    overall: { verdict: overallVerdict(results), explanation: explainOverall(results) },
    meta: [
      { label: 'Worker', value: results.worker.path, mono: true },
      { label: 'Command', value: commandText(results.worker.command), mono: true },
      { label: 'Action type', value: actionTypeText(results.worker.actionType), mono: false },
      { label: 'Mode', value: results.worker.mode, mono: false },
      { label: 'Config', value: `${results.worker.configSource} (${results.worker.configHash})`, mono: true },
      { label: 'Seed', value: String(results.seed), mono: false },
      { label: 'Runs per rule', value: String(results.runs), mono: false },
      { label: 'Scenarios played', value: String(results.totals.scenarios), mono: false },
      { label: 'Rules selected', value: results.selection.requested.length > 0 ? results.selection.requested.join(' ') : 'all', mono: false },
      { label: 'Rules played', value: playedText(results.selection), mono: false },
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
    filters: {
      verdicts: VERDICTS.filter((verdict) => all[verdict] > 0).map((verdict) => ({ value: verdict, label: `${BADGES[verdict]} (${all[verdict]})` })),
      levels: (['MUST', 'SHOULD'] as const).filter((level) => results.rules.some((rule) => rule.level === level)),
    },
    failing: results.rules.filter((rule) => isFailing(rule.verdict)).map((rule) => ({ id: rule.id, anchor: `rule-${slug(rule.id)}` })),
    areas: groupByArea(results.rules).map(({ area, rules }) => ({ id: `area-${slug(area)}`, name: area, rules: rules.map((rule) => ruleView(rule, budget)) })),
    scriptHash: `sha256-${createHash('sha256').update(REPORT_SCRIPT).digest('base64')}`,
    generatedBy: `${results.tool.name} ${results.tool.version}`,
  }
}

function ruleView(rule: RuleResult, budget: ReportBudget): RuleView {
  return {
    id: rule.id,
    anchor: `rule-${slug(rule.id)}`,
    level: rule.level,
    title: rule.title,
    verdict: rule.verdict,
    badge: BADGES[rule.verdict],
    summary: cutWithNote(rule.summary, LINE_CHARS),
    ...(isFailing(rule.verdict) ? { detail: detailView(rule, budget) } : {}),
  }
}

function detailView(rule: RuleResult, budget: ReportBudget): DetailView {
  const example: Counterexample | undefined = rule.counterexample
  const flagged = new Set(example?.findings.map((finding) => finding.seq) ?? [])
  return {
    requirement: rule.requirement,
    rationale: rule.rationale,
    sources: rule.sources.map(sourceView),
    findings: (example?.findings ?? []).map((finding) => ({
      message: budget.clip(finding.message, LINE_CHARS),
      expected: finding.expected.map((option) => budget.clip(option, LINE_CHARS)),
      actual: budget.clip(finding.actual, LINE_CHARS),
      where: budget.clip([finding.jobId ? `job ${finding.jobId}` : '', finding.seq !== undefined ? `call #${finding.seq}` : ''].filter(Boolean).join(', '), LINE_CHARS),
    })),
    ...(example
      ? { shrinks: example.shrinks, scenario: budget.clip(prettyJson(example.scenario), SCENARIO_CHARS), replay: example.replay }
      : {}),
    ...(example && example.trace.length > 0 ? { diagram: chargedDiagram(sequenceDiagram(example.trace, flagged), budget) } : {}),
    calls: withGaps(
      example?.trace ?? [],
      (index, all) =>
        (!budget.exhausted && (index < CALLS_HEAD || index >= all.length - CALLS_TAIL)) ||
        all.slice(Math.max(0, index - CALLS_AROUND_FLAG), index + CALLS_AROUND_FLAG + 1).some((entry) => flagged.has(entry.seq)),
      (entry) => {
        budget.charge(CALL_ROW_MARKUP)
        return {
          seq: entry.seq,
          at: entry.at.toFixed(1),
          service: entry.service,
          operation: budget.clip(entry.operation, LINE_CHARS),
          jobId: budget.clip(entry.jobId ?? '', LINE_CHARS),
          status: String(entry.response.status),
          errorType: budget.clip(entry.response.errorType ?? '', LINE_CHARS),
          request: budget.clip(prettyJson(entry.request), BODY_CHARS),
          response: entry.response.body === undefined ? '(no body)' : budget.clip(prettyJson(entry.response.body), BODY_CHARS),
          flagged: flagged.has(entry.seq),
        }
      },
      (omitted) => `${count(omitted.length, 'call')} not shown (seq ${omitted[0]!.seq} to ${omitted.at(-1)!.seq})${budget.exhausted ? ' because report.html reached its size limit' : ''}; the whole trace is in results.json.`,
    ),
    output: withGaps(
      example?.workerOutput ?? [],
      (index, all) => !budget.exhausted && (index < OUTPUT_HEAD || index >= all.length - OUTPUT_TAIL),
      (line) => {
        budget.charge(OUTPUT_LINE_MARKUP)
        return { at: line.at.toFixed(0), stream: line.stream, text: budget.clip(stripAnsi(line.text), LINE_CHARS) }
      },
      (omitted) => `${count(omitted.length, 'line')} not shown${budget.exhausted ? ' because report.html reached its size limit' : ''}; the whole output is in results.json.`,
    ),
  }
}

/** What one drawn call costs in markup (two lines, two arrowheads, two labels), charged like a table row. */
const DIAGRAM_STEP_MARKUP = 420

function chargedDiagram(diagram: SequenceDiagram, budget: ReportBudget): SequenceDiagram {
  budget.charge(diagram.steps.length * DIAGRAM_STEP_MARKUP)
  return diagram
}

/**
 * The items `keep` selects, each turned into a row by `show`, with one gap
 * row (saying what was left out) for each run of items it does not.
 */
function withGaps<T, R>(
  items: readonly T[],
  keep: (index: number, all: readonly T[]) => boolean,
  show: (item: T) => R,
  describe: (omitted: T[]) => string,
): (R | GapView)[] {
  const rows: (R | GapView)[] = []
  let omitted: T[] = []
  items.forEach((item, index) => {
    if (!keep(index, items)) {
      omitted.push(item)
      return
    }
    if (omitted.length > 0) rows.push({ gap: describe(omitted) })
    omitted = []
    rows.push(show(item))
  })
  if (omitted.length > 0) rows.push({ gap: describe(omitted) })
  return rows
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

function playedText(selection: Results['selection']): string {
  const notPlayed = [
    ...selection.skipped.map((entry) => `${entry.id} skipped by the config`),
    ...selection.notApplicable.map((entry) => `${entry.id} n/a`),
  ]
  return `${selection.ran.length} of ${selection.rules.length}${notPlayed.length > 0 ? ` (${notPlayed.join(', ')})` : ''}`
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
