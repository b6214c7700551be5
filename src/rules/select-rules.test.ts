import { describe, expect, it } from 'vitest'
import { RULES } from './catalogue.js'
import { selectRules } from './select-rules.js'

describe('selectRules', () => {
  it('selects everything when nothing is asked for', () => {
    expect(selectRules(RULES, { rules: [], levels: [] })).toHaveLength(RULES.length)
  })
  it('selects by id and by area prefix, in any case', () => {
    expect(selectRules(RULES, { rules: ['nonce'], levels: [] }).map((r) => r.id)).toEqual(RULES.filter((r) => r.id.startsWith('NONCE-')).map((r) => r.id))
    expect(selectRules(RULES, { rules: ['nonce'], levels: [] }).map((r) => r.id)).toContain('NONCE-002')
    expect(selectRules(RULES, { rules: ['ACK-002', 'RESULT-001'], levels: [] }).map((r) => r.id)).toEqual(['ACK-002', 'RESULT-001'])
  })
  it('refuses a filter that matches nothing, listing the rules', () => {
    expect(() => selectRules(RULES, { rules: ['ACK-01'], levels: [] })).toThrow(
      `conform: --rule ACK-01 matches no rule. Rule ids look like ACK-001, and an area prefix like ACK selects its rules; the rules are: ${RULES.map((r) => r.id).join(', ')}.`,
    )
  })
  it('refuses a selection that runs no rule rather than passing vacuously', () => {
    expect(() => selectRules(RULES.filter((rule) => rule.level === 'MUST'), { rules: [], levels: ['SHOULD'] })).toThrow(
      'conform: the selection (SHOULD) runs no rule, and a run that checks nothing is never green. Widen --rule or --level.',
    )
  })
  it('keeps ids unique and shaped AREA-NNN', () => {
    const ids = RULES.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[A-Z]+-[0-9]{3}$/)
  })
})
