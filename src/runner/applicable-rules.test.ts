import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate-config.js'
import { defineRule, type RuleDefinition } from '../rules/rule.js'
import type { Capability } from '../rules/capability.js'
import { partitionByApplicability } from './applicable-rules.js'

function rule(id: string, level: 'MUST' | 'SHOULD', needs?: Capability[]): RuleDefinition {
  return defineRule({
    id,
    area: id.split('-')[0] ?? id,
    level,
    title: id,
    requirement: `${id} requirement`,
    observe: '',
    rationale: '',
    sources: [],
    since: '0.3.0',
    ...(needs ? { needs } : {}),
    scenario: () => fc.constant({ jobs: [] }) as never,
    check: () => ({ verdict: 'unknown', findings: [] }),
  })
}

const config = (extra: Record<string, unknown>) =>
  validateConfig({ command: ['node', 'w.js'], actionType: { category: 'Build', provider: 'P', version: '1' }, ...extra }, { source: 'x', prefix: [] })

describe('partitionByApplicability', () => {
  it('runs every rule for a worker that lacks nothing and skips nothing', () => {
    const rules = [rule('ART-010', 'MUST', ['artifacts']), rule('POLL-010', 'MUST')]
    const { toRun, notApplicable } = partitionByApplicability(rules, config({}))
    expect(toRun.map((r) => r.id)).toEqual(['ART-010', 'POLL-010'])
    expect(notApplicable.size).toBe(0)
  })

  it('makes a rule n/a, with the reason, when the worker lacks what it needs or its config skips it', () => {
    const rules = [rule('ART-010', 'MUST', ['artifacts']), rule('CONT-010', 'SHOULD', ['continuation']), rule('RESULT-010', 'SHOULD'), rule('POLL-010', 'MUST')]
    const { toRun, notApplicable, skipped } = partitionByApplicability(rules, config({ capabilities: { lacks: ['artifacts'] }, skip: { 'RESULT-010': 'we have no console link' }, continuation: { actionConfiguration: { Steps: '3' } } }))
    expect(toRun.map((r) => r.id)).toEqual(['CONT-010', 'POLL-010'])
    // The provenance lists config skips apart from what the worker lacks.
    expect([...skipped]).toEqual(['RESULT-010'])
    expect([...notApplicable.values()]).toEqual([
      {
        ruleId: 'ART-010',
        verdict: 'n/a',
        summary: 'Not applicable: the worker config declares it lacks "artifacts" (capabilities.lacks), which this rule needs.',
        scenariosRun: 0,
        durationMs: 0,
      },
      { ruleId: 'RESULT-010', verdict: 'n/a', summary: 'Skipped by the worker config: we have no console link', scenariosRun: 0, durationMs: 0 },
    ])
  })

  it('makes a rule n/a naming the config key when its capability needs settings the config lacks', () => {
    const rules = [rule('CONT-010', 'MUST', ['continuation']), rule('PARTNER-010', 'MUST', ['partner-jobs']), rule('POLL-010', 'MUST')]
    const { toRun, notApplicable } = partitionByApplicability(rules, config({}))
    expect(toRun.map((r) => r.id)).toEqual(['POLL-010'])
    expect([...notApplicable.values()].map((o) => o.summary)).toEqual([
      'Not applicable: this rule needs "continuation", which is exercised only with settings: add "continuation" to the worker config (or list "continuation" in capabilities.lacks).',
      'Not applicable: this rule needs "partner-jobs", which is exercised only with settings: add "partner" to the worker config (or list "partner-jobs" in capabilities.lacks).',
    ])
  })
})
