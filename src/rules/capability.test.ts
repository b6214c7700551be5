import { describe, expect, it } from 'vitest'
import { CAPABILITY_SETTINGS, notApplicableReason } from './capability.js'

describe('notApplicableReason', () => {
  it('applies a rule that needs nothing, or only what the worker has', () => {
    expect(notApplicableReason(undefined, { lacks: ['continuation'], config: {} })).toBeUndefined()
    expect(notApplicableReason(['artifacts'], { lacks: ['continuation'], config: {} })).toBeUndefined()
  })

  it('names every lacked capability the rule needs, and where the worker said so', () => {
    expect(notApplicableReason(['artifacts', 'output-artifacts', 'encryption'], { lacks: ['encryption', 'artifacts'], config: {} })).toBe(
      'Not applicable: the worker config declares it lacks "artifacts" and "encryption" (capabilities.lacks), which this rule needs.',
    )
  })

  it('names the config key to add when a capability needs settings the config does not give', () => {
    const settings = CAPABILITY_SETTINGS as Record<string, string>
    const before = settings['continuation']
    settings['continuation'] = 'continuation'
    try {
      expect(notApplicableReason(['continuation'], { lacks: [], config: {} })).toBe(
        'Not applicable: this rule needs "continuation", which is exercised only with settings: add "continuation" to the worker config (or list "continuation" in capabilities.lacks).',
      )
      expect(notApplicableReason(['continuation'], { lacks: [], config: { continuation: { hops: 2 } } })).toBeUndefined()
    } finally {
      if (before === undefined) delete settings['continuation']
      else settings['continuation'] = before
    }
  })
})
