import type { z } from 'zod'
import { closestName } from './closest-name.js'
import { KNOWN_FIELDS } from './worker-config-schema.js'

/**
 * Turns zod issues into the clauses of a CONFORM_CONFIG_INVALID message:
 * `field "actionType.provider" must match ... (got "My Provider")`.
 * `prefix` is where the config sits in its file (`conform` in a
 * package.json), so the field path is the one the user sees in the file.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, prefix: string[]): string[] {
  const clauses: string[] = []
  const seen = new Set<string>()
  for (const issue of issues) {
    for (const { at, clause } of describeIssue(issue, raw, prefix)) {
      // One clause per field: a union or a chain of checks can report the same field twice.
      if (seen.has(at)) continue
      seen.add(at)
      clauses.push(clause)
    }
  }
  return clauses
}

/** `at` identifies the field (or key) the clause is about. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown, prefix: string[]): { at: string; clause: string }[] {
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') {
    const known = KNOWN_FIELDS[path.join('.')] ?? []
    return issue.keys.map((key) => {
      const guess = closestName(key, known)
      const hint = guess ? `did you mean "${guess}"?` : `the known fields here are ${known.join(', ')}`
      return { at: [...path, key].join('.'), clause: `field ${quoteField([...prefix, ...path, key])} is not a known field (${hint})` }
    })
  }
  if (issue.code === 'invalid_key') {
    const key = path.at(-1) ?? ''
    const sentence = issue.issues[0]?.message ?? issue.message
    return [{ at: `key:${path.join('.')}`, clause: `key ${JSON.stringify(key)} in field ${quoteField([...prefix, ...path.slice(0, -1)])} ${sentence}` }]
  }
  if (path.length === 0 && prefix.length === 0) {
    return [{ at: '', clause: `the config ${issue.message} (got ${showValue(raw)})` }]
  }
  const value = valueAt(raw, path)
  const at = path.join('.')
  const field = `field ${quoteField([...prefix, ...path])}`
  if (value === undefined) return [{ at, clause: `${field} is missing; it ${issue.message}` }]
  const hidden = issue.code === 'custom' && issue.params?.['hideValue'] === true
  return [{ at, clause: hidden ? `${field} ${issue.message}` : `${field} ${issue.message} (got ${showValue(value)})` }]
}

function quoteField(path: string[]): string {
  return `"${path.join('.')}"`
}

function valueAt(raw: unknown, path: string[]): unknown {
  let value = raw
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** The found value as JSON, cut short so one bad field cannot flood the message. */
function showValue(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
