import { describe, expect, it } from 'vitest'
import { compactJson, prettyJson } from './json-text.js'

describe('json text', () => {
  it('prints bytes as a length, bigints as digits, and cycles as a marker', () => {
    const cyclic: Record<string, unknown> = { name: 'a' }
    cyclic.self = cyclic
    expect(compactJson({ bytes: new Uint8Array(3), big: 10n, cyclic })).toBe('{"bytes":"<3 bytes>","big":"10","cyclic":{"name":"a","self":"[circular]"}}')
  })

  it('does not mistake a shared object for a cycle', () => {
    const shared = { kind: 'normal' }
    expect(compactJson([shared, shared])).toBe('[{"kind":"normal"},{"kind":"normal"}]')
  })

  it('indents for HTML and names undefined', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}')
    expect(prettyJson(undefined)).toBe('undefined')
  })
})
