import { describe, expect, it } from 'vitest'
import { RULES } from './catalogue.js'
import { DEFAULT_RUNS, scenariosFor } from './scenario-budget.js'

describe('scenariosFor', () => {
  it('gives a rule that waits nothing out every scenario asked for', () => {
    expect(scenariosFor({}, 1)).toBe(1)
    expect(scenariosFor({}, 37)).toBe(37)
  })

  it('gives a wait-bound rule one scenario for every five, at least one and at most its cap', () => {
    expect([1, 4, 5, 6, 10, 11, 20, 40, 1000].map((runs) => scenariosFor({ maxRuns: 3 }, runs))).toEqual([1, 1, 1, 2, 2, 3, 3, 3, 3])
    expect(scenariosFor({ maxRuns: 6 }, 20)).toBe(4)
  })

  it('keeps the default profile at 100 scenarios or more over the catalogue', () => {
    const scenarios = RULES.reduce((sum, rule) => sum + scenariosFor(rule, DEFAULT_RUNS), 0)
    expect(scenarios).toBeGreaterThanOrEqual(100)
  })
})
