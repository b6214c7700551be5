import { appendFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ConformError } from '../errors/conform-error.js'
import { renderBadge } from './badge.js'
import { renderHtml } from './html-report.js'
import { renderJson } from './json-report.js'
import { renderJunit } from './junit-report.js'
import { renderMarkdown } from './markdown-summary.js'
import type { Results } from './results.js'
import { writeFileAtomic } from './write-file-atomic.js'

export interface WrittenReports {
  json: string
  junit: string
  html: string
  markdown: string
  badge: string
  /** The GitHub step summary file the Markdown was appended to, when `GITHUB_STEP_SUMMARY` named one. */
  stepSummary?: string
}

export interface WriteReportsOptions {
  /**
   * The environment to read `GITHUB_STEP_SUMMARY` from; the CLI passes
   * `process.env`. Defaults to `process.env`, so a caller that leaves it out
   * still gets the step summary in GitHub Actions.
   */
  env?: Readonly<Record<string, string | undefined>>
}

/** File names inside the output folder; CI configs point at them, so they do not change. */
export const REPORT_FILES = { json: 'results.json', junit: 'junit.xml', html: 'report.html', markdown: 'summary.md', badge: 'badge.svg' } as const

type FileReport = keyof typeof REPORT_FILES

/**
 * Writes results.json, junit.xml, report.html, summary.md and badge.svg into
 * `outDir` (created if missing), each atomically, and appends the Markdown
 * summary to the file `GITHUB_STEP_SUMMARY` names when it is set (GitHub
 * Actions shows that file on the run's page). Every report is attempted even
 * when another one fails, so a bug in one rendering never costs the user the
 * others; JSON goes first because it is the model the rest derive from.
 *
 * @example
 * const written = await writeReports(results, 'reports', { env: process.env })
 * console.log(`open ${written.html}`)
 */
export async function writeReports(results: Results, outDir: string, options: WriteReportsOptions = {}): Promise<WrittenReports> {
  const env = options.env ?? process.env
  const written: WrittenReports = {
    json: join(outDir, REPORT_FILES.json),
    junit: join(outDir, REPORT_FILES.junit),
    html: join(outDir, REPORT_FILES.html),
    markdown: join(outDir, REPORT_FILES.markdown),
    badge: join(outDir, REPORT_FILES.badge),
  }
  try {
    await mkdir(outDir, { recursive: true })
  } catch (error) {
    throw unwritable(outDir, [error])
  }
  const renderers: [FileReport, (results: Results) => string][] = [
    ['json', renderJson],
    ['junit', renderJunit],
    ['html', renderHtml],
    ['markdown', renderMarkdown],
    ['badge', renderBadge],
  ]
  const errors: unknown[] = []
  let markdown: string | undefined
  for (const [kind, render] of renderers) {
    try {
      const text = render(results)
      if (kind === 'markdown') markdown = text
      await writeFileAtomic(written[kind], text)
    } catch (error) {
      errors.push(error)
    }
  }
  const stepSummary = env.GITHUB_STEP_SUMMARY
  if (stepSummary && markdown !== undefined) {
    try {
      // Appended, not replaced: earlier steps of the job may have written their own summary.
      await appendFile(stepSummary, `${markdown}\n`, 'utf8')
      written.stepSummary = stepSummary
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw unwritable(outDir, errors)
  return written
}

function unwritable(outDir: string, errors: unknown[]): ConformError {
  const reasons = errors.map((error) => (error instanceof Error ? error.message : String(error))).join('; ')
  // CONFORM_USAGE because --out names the folder; a dedicated code would be better (see the report module's notes).
  return new ConformError(
    'CONFORM_USAGE',
    `conform: could not write the reports to ${outDir}: ${reasons}. Check that the folder is writable and the disk has space, or choose another folder with --out.`,
    { cause: errors.length === 1 ? errors[0] : new AggregateError(errors) },
  )
}
