import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isConformError } from '../errors/conform-error.js'
import { renderJson } from './json-report.js'
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
  it('creates the folder and writes the three reports, leaving no temporary file behind', async () => {
    const outDir = join(root, 'nested', 'reports')
    const written = await writeReports(sampleResults(), outDir)
    expect(written).toEqual({ json: join(outDir, 'results.json'), junit: join(outDir, 'junit.xml'), html: join(outDir, 'report.html') })
    expect((await readdir(outDir)).sort()).toEqual(['junit.xml', 'report.html', 'results.json'])
    expect(await readFile(written.json, 'utf8')).toBe(renderJson(sampleResults()))
    expect(await readFile(written.junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="conform"/)
    expect(await readFile(written.html, 'utf8')).toMatch(/^<!doctype html>/)
  })

  it('replaces reports of an earlier run', async () => {
    await writeFile(join(root, 'results.json'), 'old')
    await writeReports(sampleResults(), root)
    expect(JSON.parse(await readFile(join(root, 'results.json'), 'utf8'))).toEqual(sampleResults())
  })

  it('raises a coded error naming the folder when it cannot be created', async () => {
    const blocker = join(root, 'a-file')
    await writeFile(blocker, '')
    const error: unknown = await writeReports(sampleResults(), join(blocker, 'reports')).catch((caught: unknown) => caught)
    expect(isConformError(error)).toBe(true)
    expect((error as Error).message).toContain(`could not write the reports to ${join(blocker, 'reports')}: `)
  })
})
