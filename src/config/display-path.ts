import { isAbsolute, relative, resolve } from 'node:path'

/**
 * A path as messages show it: relative to the current directory when inside
 * it (what the user typed, and stable across machines in CI logs), else
 * absolute.
 */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path)
  const rel = relative(cwd, absolute)
  if (rel === '') return '.'
  if (rel.startsWith('..') || isAbsolute(rel)) return absolute
  return rel
}
