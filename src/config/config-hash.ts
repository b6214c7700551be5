import { createHash } from 'node:crypto'

/**
 * A fingerprint of a worker config for the report's provenance: `sha256:`
 * and the hex digest of the config as canonical JSON (object keys sorted at
 * every depth, no whitespace), so two runs can tell at a glance whether they
 * tested the worker under the same config, whatever order its file lists
 * the fields in.
 *
 * @example
 * configHash({ b: 1, a: 2 }) === configHash({ a: 2, b: 1 }) // true
 */
export function configHash(config: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(config)).digest('hex')}`
}

/** JSON with sorted keys; undefined members are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item
    const record = item as Record<string, unknown>
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]))
  })
}
