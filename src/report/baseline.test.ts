import { describe, expect, it } from 'vitest'
import { baselineFrom, compareWithBaseline, improvementEdit, renderBaseline } from './baseline.js'
import { sampleResults } from '../../test/support/sample-results.js'

describe('the baseline ratchet', () => {
  it('records every rule verdict in catalogue order, one rule a line', () => {
    expect(renderBaseline(baselineFrom(sampleResults()))).toBe(
      [
        '{',
        '  "conformBaseline": 1,',
        '  "catalogueVersion": "0.1.0",',
        '  "worker": "fixtures/workers/ack-001-skips-ack",',
        '  "rules": {',
        '    "ACK-001": "fail",',
        '    "NONCE-001": "pass",',
        '    "RESULT-001": "unknown",',
        '    "CONT-001": "n/a"',
        '  }',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('finds no change against its own baseline', () => {
    const results = sampleResults()
    const comparison = compareWithBaseline(results, baselineFrom(results))
    expect(comparison.regressions).toEqual([])
    expect(comparison.improvements).toEqual([])
  })

  it('calls a rule that passed and now does not, or is gone, a regression; a rule that now passes an improvement', () => {
    const results = sampleResults()
    const baseline = baselineFrom(results)
    baseline.rules = { 'ACK-001': 'pass', 'NONCE-001': 'fail', 'RESULT-001': 'pass', 'CONT-001': 'n/a', 'POLL-001': 'pass', 'SEC-001': 'fail' }
    const comparison = compareWithBaseline(results, baseline)
    expect(comparison.regressions).toEqual([
      { id: 'ACK-001', was: 'pass', now: 'fail' },
      { id: 'RESULT-001', was: 'pass', now: 'unknown' },
      { id: 'POLL-001', was: 'pass' },
    ])
    expect(comparison.improvements).toEqual([{ id: 'NONCE-001', was: 'fail', now: 'pass' }])
    // Only improvements are written in; a regression stays for someone to fix or accept on purpose.
    expect(comparison.updated.rules).toEqual({ ...baseline.rules, 'NONCE-001': 'pass' })
    expect(improvementEdit(comparison)).toEqual(['-    "NONCE-001": "fail"', '+    "NONCE-001": "pass"'])
  })

  it('counts a rule new to the baseline that passes as an improvement to add', () => {
    const results = sampleResults()
    const baseline = baselineFrom(results)
    delete baseline.rules['NONCE-001']
    const comparison = compareWithBaseline(results, baseline)
    expect(comparison.improvements).toEqual([{ id: 'NONCE-001', now: 'pass' }])
    expect(improvementEdit(comparison)).toEqual(['+    "NONCE-001": "pass"'])
  })
})
