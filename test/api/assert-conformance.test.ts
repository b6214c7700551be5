import { describe, expect, it } from 'vitest'
import { assertConformance, ConformanceFailure } from '../../src/index.js'

/** The programmatic gate, used as a team would use it: inside its own Vitest suite. */
describe('assertConformance', () => {
  it('returns the results when every MUST rule holds', async () => {
    const results = await assertConformance({ worker: 'fixtures/workers/reference', rules: ['NONCE'], runs: 5, seed: 9 })
    expect(results.rules.map((rule) => [rule.id, rule.verdict])).toEqual([
      ['NONCE-001', 'pass'],
      ['NONCE-002', 'pass'],
      ['NONCE-003', 'pass'],
    ])
  })

  it('throws ConformanceFailure naming the broken rule and its replay command', async () => {
    const failure = await assertConformance({ worker: 'fixtures/workers/nonce-002-reports-stolen-job', rules: ['NONCE-002'], runs: 5, seed: 9 }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(ConformanceFailure)
    const message = (failure as ConformanceFailure).message.split('\n')
    expect(message[0]).toBe('conform: 1 MUST rule failed.')
    expect(message[1]).toMatch(/^ {2}FAIL NONCE-002 \(MUST\) After InvalidNonceException, report nothing for that job: AcknowledgeJob answered InvalidNonceException for job [0-9a-f-]{36} \(another worker owns it\), but the worker reported a result for it\. Shrunk \d+ time\(s\)\.$/)
    expect(message[2]).toMatch(/^ {4}replay: npx conform fixtures\/workers\/nonce-002-reports-stolen-job --rule NONCE-002 --seed 9 --replay [0-9:]+$/)
    expect((failure as ConformanceFailure).results.rules[0]?.verdict).toBe('fail')
  })
})
