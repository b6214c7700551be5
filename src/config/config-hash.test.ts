import { describe, expect, it } from 'vitest'
import { canonicalJson, configHash } from './config-hash.js'

describe('configHash', () => {
  it('is the same for the same config whatever the key order, and differs when a value does', () => {
    const a = { command: ['node', 'worker.js'], env: { B: '2', A: '1' }, actionType: { version: '1', category: 'Build' } }
    const b = { actionType: { category: 'Build', version: '1' }, env: { A: '1', B: '2' }, command: ['node', 'worker.js'] }
    expect(canonicalJson(a)).toBe('{"actionType":{"category":"Build","version":"1"},"command":["node","worker.js"],"env":{"A":"1","B":"2"}}')
    expect(configHash(a)).toBe(configHash(b))
    expect(configHash(a)).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(configHash({ ...a, env: { A: '1', B: '3' } })).not.toBe(configHash(a))
  })
})
