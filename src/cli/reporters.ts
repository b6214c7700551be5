import { renderBadge } from '../report/badge.js'
import { renderConsoleSummary } from '../report/console-summary.js'
import { renderHtml } from '../report/html-report.js'
import { renderJson } from '../report/json-report.js'
import { renderJunit } from '../report/junit-report.js'
import { renderMarkdown } from '../report/markdown-summary.js'
import type { Results } from '../report/results.js'

/** What a reporter is told about the terminal it writes to; the CLI reads it from the process once. */
export interface Terminal {
  /** ANSI colour and cursor movement are allowed (a TTY, NO_COLOR unset, not CI, or FORCE_COLOR set). */
  rich: boolean
}

/**
 * How a run is shown on stdout (vitest's idea: a name registry of small
 * reporters). The report files in --out are written whatever the choice;
 * the reporter only decides stdout and whether progress may redraw in place.
 */
export interface Reporter {
  /** Progress on stderr: redrawn per area on a rich terminal, or one plain line per step. */
  progress: 'live' | 'lines'
  render: (results: Results, terminal: Terminal) => string
}

const summary = (color: 'terminal' | 'never'): Reporter => ({
  progress: color === 'terminal' ? 'live' : 'lines',
  render: (results, terminal) => renderConsoleSummary(results, { color: color === 'terminal' && terminal.rich }),
})

const format = (render: (results: Results) => string): Reporter => ({ progress: 'lines', render: (results) => ensureNewline(render(results)) })

const ensureNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`)

export const REPORTERS = {
  default: summary('terminal'),
  plain: summary('never'),
  json: format(renderJson),
  junit: format(renderJunit),
  html: format(renderHtml),
  markdown: format(renderMarkdown),
  badge: format(renderBadge),
} as const satisfies Record<string, Reporter>

export type ReporterName = keyof typeof REPORTERS
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[]

/**
 * Colour and redrawing follow the common conventions: FORCE_COLOR (not "0")
 * turns them on, NO_COLOR or CI=true turns them off, otherwise a TTY decides.
 */
export function terminalOf(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): Terminal {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return { rich: true }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { rich: false }
  if (env.CI === 'true' || env.CI === '1') return { rich: false }
  return { rich: Boolean(stream.isTTY) }
}
