import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ConformError } from '../errors/conform-error.js'
import { renderHtml } from './html-report.js'
import { renderJson } from './json-report.js'
import { renderJunit } from './junit-report.js'
import type { Results } from './results.js'
import { writeFileAtomic } from './write-file-atomic.js'

export interface WrittenReports {
  json: string
  junit: string
  html: string
}

/** File names inside the output folder; CI configs point at them, so they do not change. */
export const REPORT_FILES = { json: 'results.json', junit: 'junit.xml', html: 'report.html' } as const

/**
 * Writes results.json, junit.xml and report.html into `outDir` (created if
 * missing), each atomically. Every report is attempted even when another one
 * fails, so a bug in one rendering never costs the user the others; JSON goes
 * first because it is the model the rest derive from.
 *
 * @example
 * const written = await writeReports(results, 'reports')
 * console.log(`open ${written.html}`)
 */
export async function writeReports(results: Results, outDir: string): Promise<WrittenReports> {
  const written: WrittenReports = {
    json: join(outDir, REPORT_FILES.json),
    junit: join(outDir, REPORT_FILES.junit),
    html: join(outDir, REPORT_FILES.html),
  }
  try {
    await mkdir(outDir, { recursive: true })
  } catch (error) {
    throw unwritable(outDir, [error])
  }
  const renderers: [keyof WrittenReports, (results: Results) => string][] = [
    ['json', renderJson],
    ['junit', renderJunit],
    ['html', renderHtml],
  ]
  const errors: unknown[] = []
  for (const [kind, render] of renderers) {
    try {
      await writeFileAtomic(written[kind], render(results))
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
