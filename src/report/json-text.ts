/**
 * JSON text of values the model types as `unknown` (the scenario, request and
 * response bodies). They come from the scenario generator and the worker, so
 * they may hold what JSON.stringify rejects (bigint, cycles) or floods a
 * report with (bytes).
 */

/** One line, for the console. */
export function compactJson(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(toPlain(value, []))
}

/** Indented, for the HTML report. */
export function prettyJson(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(toPlain(value, []), null, 2)
}

// Tracks ancestors, not every object seen: fast-check reuses constant objects,
// so the same object appearing twice side by side is common and not a cycle.
function toPlain(value: unknown, ancestors: object[]): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`
  if (value === null || typeof value !== 'object') return value
  // Bytes (artifact contents) would print as one key per byte.
  if (ArrayBuffer.isView(value)) return `<${value.byteLength} bytes>`
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (ancestors.includes(value)) return '[circular]'
  const inner = [...ancestors, value]
  if (Array.isArray(value)) return value.map((item) => toPlain(item, inner))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = toPlain(item, inner)
  return out
}
