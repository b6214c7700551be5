import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isConformError } from '../errors/conform-error.js'
import { renderBadge } from './badge.js'
import { renderJson } from './json-report.js'
import { renderMarkdown } from './markdown-summary.js'
import { sampleResults } from '../../test/support/sample-results.js'
import { writeReports } from './write-reports.js'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'conform-reports-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('writeReports', () => {
  it('creates the folder and writes the five reports, leaving no temporary file behind', async () => {
    const outDir = join(root, 'nested', 'reports')
    const written = await writeReports(sampleResults(), outDir, { env: {} })
    expect(written).toEqual({
      json: join(outDir, 'results.json'),
      junit: join(outDir, 'junit.xml'),
      html: join(outDir, 'report.html'),
      markdown: join(outDir, 'summary.md'),
      badge: join(outDir, 'badge.svg'),
    })
    expect((await readdir(outDir)).sort()).toEqual(['badge.svg', 'junit.xml', 'report.html', 'results.json', 'summary.md'])
    expect(await readFile(written.json, 'utf8')).toBe(renderJson(sampleResults()))
    expect(await readFile(written.junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="conform"/)
    expect(await readFile(written.html, 'utf8')).toMatch(/^<!doctype html>/)
    expect(await readFile(written.markdown, 'utf8')).toBe(renderMarkdown(sampleResults()))
    expect(await readFile(written.badge, 'utf8')).toBe(renderBadge(sampleResults()))
  })

  it('appends the Markdown summary to the file GITHUB_STEP_SUMMARY names, after what earlier steps wrote', async () => {
    const summary = join(root, 'step_summary')
    await writeFile(summary, '# Build\n\nok\n')
    const written = await writeReports(sampleResults(), join(root, 'reports'), { env: { GITHUB_STEP_SUMMARY: summary } })
    expect(written.stepSummary).toBe(summary)
    expect(await readFile(summary, 'utf8')).toBe(`# Build\n\nok\n${renderMarkdown(sampleResults())}\n`)
  })

  it('writes every report and then raises a coded error when the step summary cannot be appended to', async () => {
    const outDir = join(root, 'reports')
    const missing = join(root, 'no-such-folder', 'step_summary')
    const error: unknown = await writeReports(sampleResults(), outDir, { env: { GITHUB_STEP_SUMMARY: missing } }).catch((caught: unknown) => caught)
    expect(isConformError(error)).toBe(true)
    expect((error as Error).message).toContain(missing)
    expect((await readdir(outDir)).sort()).toEqual(['badge.svg', 'junit.xml', 'report.html', 'results.json', 'summary.md'])
  })

  it('replaces reports of an earlier run', async () => {
    await writeFile(join(root, 'results.json'), 'old')
    await writeReports(sampleResults(), root, { env: {} })
    expect(JSON.parse(await readFile(join(root, 'results.json'), 'utf8'))).toEqual(sampleResults())
  })

  it('raises a coded error naming the folder when it cannot be created', async () => {
    const blocker = join(root, 'a-file')
    await writeFile(blocker, '')
    const error: unknown = await writeReports(sampleResults(), join(blocker, 'reports'), { env: {} }).catch((caught: unknown) => caught)
    expect(isConformError(error)).toBe(true)
    expect((error as Error).message).toContain(`could not write the reports to ${join(blocker, 'reports')}: `)
  })
})
