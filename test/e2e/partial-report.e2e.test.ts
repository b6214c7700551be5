import { spawn } from 'node:child_process'
import { existsSync, watch } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Results } from '../../src/report/results.js'
import { schemaErrors } from '../support/results-schema.js'
import { e2eTempDir } from '../support/e2e-temp.js'
import { REPO } from '../support/run-cli.js'

describe('a run that dies half-way', () => {
  it('leaves reports marked partial: results.json says complete false and why, and report.html says INCOMPLETE', async () => {
    const out = await e2eTempDir()
    const written = new Promise<void>((resolve) => {
      const watcher = watch(out, (_event, file) => {
        // badge.svg is the last report of a checkpoint (results.json goes first): once it is there, the whole partial set is.
        if (file === 'badge.svg' && existsSync(join(out, 'badge.svg'))) {
          watcher.close()
          resolve()
        }
      })
    })
    const child = spawn(process.execPath, ['bin/conform.js', 'fixtures/workers/reference', '--seed', '4', '--runs', '2', '--rule', 'NONCE,RESULT', '--out', out], {
      cwd: REPO,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const closed = new Promise<number | null>((resolve) => child.on('close', (_code, signal) => resolve(signal === 'SIGKILL' ? 137 : _code)))
    // The rules after the first checkpoint take many seconds more, so the kill lands mid-run even on a loaded machine.
    await written
    // No chance to clean up or write anything more: as when the CI runner is killed or conform crashes.
    child.kill('SIGKILL')
    expect(await closed).toBe(137)
    const workerPid = Number(/worker polling \(pid (\d+)\)/.exec(stderr)?.[1])
    if (workerPid > 0) {
      try {
        process.kill(-workerPid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results
    // A partial report is a report like any other: it matches the published schema.
    expect(schemaErrors(results)).toEqual([])
    expect(results.complete).toBe(false)
    expect(results.interruption).toBe('conform stopped before the run finished (killed or crashed)')
    expect(results.rules.filter((rule) => rule.verdict !== 'unknown').length).toBeGreaterThanOrEqual(1)
    expect(results.rules.filter((rule) => rule.verdict === 'unknown').every((rule) => rule.summary === 'Not finished: conform stopped before the run finished (killed or crashed).')).toBe(true)
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('<span class="overall overall-INCOMPLETE">INCOMPLETE</span>')
  }, 240_000)
})
