import { describe, expect, it } from 'vitest'
import { renderConsoleSummary } from './console-summary.js'
import { sampleResults } from '../../test/support/sample-results.js'

describe('renderConsoleSummary', () => {
  it('lists failures first with everything needed to act, then the other rules, then the totals', () => {
    expect(renderConsoleSummary(sampleResults(), { color: false })).toBe(
      [
        'conform 0.1.0: worker fixtures/workers/ack-001-skips-ack, seed 1234, mode process, 25 runs per rule',
        '',
        'FAIL  ACK-001 (MUST) Acknowledge before reporting',
        '      A worker MUST call AcknowledgeJob for a job before it reports any result (PutJobSuccessResult or PutJobFailureResult) for that job.',
        '      - The worker reported a result for job 6d1c8a8e-3f2b-4c55-9b1a-2f7c9d0e4a11 without acknowledging it first.',
        '          expected: AcknowledgeJob(jobId, nonce) before any result call',
        '                or: no result call at all',
        '          actual:   PutJobSuccessResult #2 at 41 ms -> 200',
        '      scenario (4 shrinks): {"jobs":[{"id":"6d1c8a8e-3f2b-4c55-9b1a-2f7c9d0e4a11","nonces":["1"],"behaviour":{"kind":"normal"},"inputArtifacts":[],"outputArtifacts":[]}]}',
        '      replay: npx conform fixtures/workers/ack-001-skips-ack --rule ACK-001 --seed 1234 --replay 17:0:0:0:0',
        '          or: npx conform replay ACK-001:1234:17:0:0:0:0 fixtures/workers/ack-001-skips-ack',
        '',
        'pass  NONCE-001 (MUST) Acknowledge with the nonce of that dispatch',
        'unknown RESULT-001 (MUST) Exactly one result per acknowledged job (No scenario reached the situation: the worker acknowledged no job before the 5000 ms scenario deadline.)',
        'n/a   CONT-001 (SHOULD) Resume from the continuation token (The worker does not declare the continuation capability.)',
        '',
        'FAIL: 4 rules (1 pass, 1 fail, 0 error, 1 unknown, 1 n/a), 81 scenarios in 12.3 s',
        '1 passed, 1 failed, 2 skipped',
        '',
      ].join('\n'),
    )
  })

  it('colours only when asked, and never the last line', () => {
    const coloured = renderConsoleSummary(sampleResults(), { color: true })
    expect(coloured).toContain('\x1b[31mFAIL \x1b[39m ACK-001')
    expect(coloured.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed, 2 skipped')
    expect(renderConsoleSummary(sampleResults(), { color: false })).not.toContain('\x1b')
  })

  it('counts errors as failed, lists them with the failures, and says when the run is incomplete', () => {
    const results = sampleResults()
    Object.assign(results.rules[1]!, { verdict: 'error', summary: 'The suite reported no outcome for this rule.' })
    results.complete = false
    const lines = renderConsoleSummary(results, { color: false }).trimEnd().split('\n')
    const start = lines.findIndex((line) => line.startsWith('ERROR'))
    expect(lines.slice(start - 1, start + 4)).toEqual([
      '',
      'ERROR NONCE-001 (MUST) Acknowledge with the nonce of that dispatch',
      '      A worker MUST acknowledge a job with the nonce that the PollForJobs answer which handed it that job carried, unchanged.',
      '      The suite reported no outcome for this rule.',
      '',
    ])
    expect(start).toBeLessThan(lines.findIndex((line) => line.startsWith('unknown')))
    expect(lines.at(-3)).toBe('INCOMPLETE: the run ended early; these verdicts are not the whole truth.')
    expect(lines.at(-1)).toBe('0 passed, 2 failed, 2 skipped')
  })

  it('strips escape sequences and control characters from worker-controlled text', () => {
    const results = sampleResults()
    const example = results.rules[0]!.counterexample!
    example.findings[0]!.message = 'moved\x1b[2J\x1b[H\x1b]0;pwned\x07 on\rFAKE pass\nline\x9b31m\u202eevil'
    example.findings[0]!.actual = 'ok\x1b[31m red'
    example.scenario = { note: '\x1b]8;;https://x.invalid\x1b\\link\x1b]8;;\x1b\\' }
    const text = renderConsoleSummary(results, { color: false })
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/)
    expect(text).toContain('      - moved on FAKE pass lineevil\n')
    expect(text).toContain('          actual:   ok red\n')
    expect(text).toContain('scenario (4 shrinks): {"note":"\\u001b]8;;https://x.invalid\\u001b\\\\link\\u001b]8;;\\u001b\\\\"}')
  })

  it('truncates a large scenario to about 300 characters', () => {
    const results = sampleResults()
    results.rules[0]!.counterexample!.scenario = { jobs: Array.from({ length: 100 }, (_, index) => ({ id: `job-${index}` })) }
    const line = renderConsoleSummary(results, { color: false }).split('\n').find((l) => l.includes('scenario ('))!
    expect(line.length).toBeLessThanOrEqual(6 + 'scenario (4 shrinks): '.length + 300)
    expect(line.endsWith('…')).toBe(true)
  })
})
