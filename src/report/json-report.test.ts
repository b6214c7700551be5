import { describe, expect, it } from 'vitest'
import { renderJson } from './json-report.js'
import type { Results } from './results.js'
import { sampleResults } from '../../test/support/sample-results.js'

// Values the model types as `unknown`: their keys are the producer's, kept as given.
const OPAQUE = new Set(['scenario', 'request', 'body'])

/** The same object with every model key order reversed, as a builder in another order would make it. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, OPAQUE.has(key) ? inner : reversedKeys(inner)]))
}

describe('renderJson', () => {
  it('round-trips the model, 2-space indented with a trailing newline', () => {
    const results = sampleResults()
    const text = renderJson(results)
    expect(JSON.parse(text)).toEqual(results)
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,')
  })

  it('writes keys in the model order whatever order the object was built in', () => {
    const results = sampleResults()
    expect(renderJson(reversedKeys(results) as Results)).toBe(renderJson(results))
    const parsed = JSON.parse(renderJson(reversedKeys(results) as Results)) as Record<string, unknown>
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'tool', 'catalogueVersion', 'worker', 'command', 'seed', 'runs', 'selection', 'node', 'startedAt', 'finishedAt', 'durationMs', 'complete', 'rules', 'totals'])
  })

  it('keeps keys the model does not know, after the known ones', () => {
    const results = { extra: 'kept', ...sampleResults() } as Results
    const keys = Object.keys(JSON.parse(renderJson(results)) as object)
    expect(keys.at(-1)).toBe('extra')
  })
})
