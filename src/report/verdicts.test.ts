import { describe, expect, it } from 'vitest'
import type { Results } from './results.js'
import { sampleResults } from '../../test/support/sample-results.js'
import { countByLevel, countByVerdict, explainOverall, groupByArea, overallVerdict } from './verdicts.js'

function withRules(edit: (results: Results) => void): Results {
  const results = sampleResults()
  edit(results)
  return results
}

describe('overallVerdict', () => {
  it('is FAIL when a MUST rule failed, even in a run that ended early', () => {
    expect(overallVerdict(sampleResults())).toBe('FAIL')
    expect(overallVerdict(withRules((r) => (r.complete = false)))).toBe('FAIL')
    expect(explainOverall(withRules((r) => (r.complete = false)))).toBe('1 MUST rule failed, and the run ended early.')
  })

  it('is INCOMPLETE for a run that ended early, checked nothing, or hit a harness error', () => {
    const noFailure = (r: Results) => (r.rules = r.rules.filter((rule) => rule.verdict !== 'fail'))
    expect(overallVerdict(withRules((r) => (noFailure(r), (r.complete = false))))).toBe('INCOMPLETE')
    expect(overallVerdict(withRules((r) => (r.rules = [])))).toBe('INCOMPLETE')
    expect(explainOverall(withRules((r) => (r.rules = [])))).toBe('No rule was checked.')
    const errored = withRules((r) => (noFailure(r), (r.rules[0]!.verdict = 'error')))
    expect(overallVerdict(errored)).toBe('INCOMPLETE')
    expect(explainOverall(errored)).toBe('1 rule could not be checked because the harness or environment broke.')
  })

  it('is PASS when no MUST rule failed in a complete run, SHOULD failures named', () => {
    const passing = withRules((r) => (r.rules[0]!.level = 'SHOULD'))
    expect(overallVerdict(passing)).toBe('PASS')
    expect(explainOverall(passing)).toBe('Every MUST rule checked held; 1 SHOULD rule failed.')
  })
})

describe('counts and grouping', () => {
  it('counts by verdict and by level from the rules themselves', () => {
    const rules = sampleResults().rules
    expect(countByVerdict(rules)).toEqual({ pass: 1, fail: 1, error: 0, unknown: 1, 'n/a': 1 })
    expect(countByLevel(rules).SHOULD).toEqual({ pass: 0, fail: 0, error: 0, unknown: 0, 'n/a': 1 })
  })

  it('groups by area in order of first appearance', () => {
    const rules = sampleResults().rules
    const reordered = [rules[1]!, rules[0]!, { ...rules[2]!, area: 'nonce' }]
    expect(groupByArea(reordered).map((group) => [group.area, group.rules.map((rule) => rule.id)])).toEqual([
      ['nonce', ['NONCE-001', 'RESULT-001']],
      ['acknowledgement', ['ACK-001']],
    ])
  })
})
