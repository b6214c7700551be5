import { describe, expect, it } from 'vitest'
import { defineConfig } from './define-config.js'

describe('defineConfig', () => {
  it('returns the config unchanged (it exists for the types)', () => {
    const config = { command: ['node', 'worker.js'], actionType: { category: 'Build' as const, provider: 'P', version: '1' } }
    expect(defineConfig(config)).toBe(config)
  })
})
