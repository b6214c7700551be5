import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from '../support/run-cli.js'

interface JsonAssertion {
  ancestorTitles: string[]
  title: string
  status: string
  failureMessages: string[]
}
interface JsonReport {
  testResults: { name: string; assertionResults: JsonAssertion[] }[]
}

/**
 * Runs fixture test files that call conformanceSuite (imported as a team would,
 * `codepipeline-conform/vitest`, from the built dist) in a Vitest of their own,
 * so a failing rule fails that run and not ours. Vitest's JSON reporter says
 * what each declared test did.
 */
async function runSpecs(files: string[]): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const outputFile = join(await mkdtemp(join(tmpdir(), 'conform-vitest-entry-')), 'report.json')
  // Our own Vitest's variables would make the child think it is one of our workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'))
  const child = spawn(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', 'fixtures/vitest-entry/vitest.config.ts', '--reporter=json', `--outputFile=${outputFile}`, ...files],
    { cwd: REPO, env: { ...env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, report: JSON.parse(await readFile(outputFile, 'utf8')) as JsonReport, stderr }
}

function testsOf(report: JsonReport, file: string): JsonAssertion[] {
  const module = report.testResults.find((result) => result.name.endsWith(file))
  if (!module) throw new Error(`no results for ${file} in ${report.testResults.map((result) => result.name).join(', ')}`)
  return module.assertionResults
}

describe('conformanceSuite (codepipeline-conform/vitest)', () => {
  it('declares one test per rule, grouped by area, skipping n/a rules, failing a broken rule with its finding and replay command (a SHOULD rule only under strict)', async () => {
    const { code, report, stderr } = await runSpecs([
      'fixtures/vitest-entry/reference.conform-spec.ts',
      'fixtures/vitest-entry/nonce-002.conform-spec.ts',
      'fixtures/vitest-entry/result-005-should.conform-spec.ts',
    ])
    expect(code, stderr).toBe(1)

    const reference = testsOf(report, 'reference.conform-spec.ts')
    expect(reference.map((test) => [test.ancestorTitles, test.title, test.status])).toEqual([
      [['conform fixtures/workers/reference', 'nonce'], 'NONCE-001 (MUST) Acknowledge with the nonce of that dispatch', 'passed'],
      [['conform fixtures/workers/reference', 'nonce'], 'NONCE-002 (MUST) After InvalidNonceException, report nothing for that job', 'passed'],
      [['conform fixtures/workers/reference', 'nonce'], 'NONCE-003 (MUST) A re-dispatched job is claimed with its new nonce', 'passed'],
      // n/a (the reference config has no "partner" settings): skipped, not passed.
      [['conform fixtures/workers/reference', 'partner'], "PARTNER-001 (MUST) Partner jobs: the client's own token, and the nonce GetThirdPartyJobDetails gave", 'skipped'],
    ])

    const broken = testsOf(report, 'nonce-002.conform-spec.ts')
    expect(broken.map((test) => [test.title.slice(0, 9), test.status])).toEqual([
      ['NONCE-001', 'passed'],
      ['NONCE-002', 'failed'],
      ['NONCE-003', 'passed'],
    ])
    const message = broken[1]?.failureMessages[0] ?? ''
    expect(message).toMatch(/^ConformanceFailure: FAIL {2}NONCE-002 \(MUST\) After InvalidNonceException, report nothing for that job\n/)
    expect(message).toMatch(/\n {6}- AcknowledgeJob answered InvalidNonceException for job [0-9a-f-]{36} \(another worker owns it\), but the worker reported a result for it\.\n {10}expected: no result call for the job: drop it silently\n/)
    expect(message).toMatch(/\n {6}replay: npx conform fixtures\/workers\/nonce-002-reports-stolen-job --rule NONCE-002 --seed 3 --replay [0-9:]+(\n|$)/)

    // A failed SHOULD rule passes its test (with an annotation) unless strict: true.
    const should = testsOf(report, 'result-005-should.conform-spec.ts')
    expect(should.map((test) => [test.ancestorTitles[0], test.title.slice(0, 10), test.status])).toEqual([
      ['lenient', 'RESULT-005', 'passed'],
      ['strict', 'RESULT-005', 'failed'],
    ])
    expect(should[1]?.failureMessages[0]).toMatch(/^ConformanceFailure: FAIL {2}RESULT-005 \(SHOULD\) /)
  }, 240_000)
})
