import { readFile } from 'node:fs/promises'
import { ConformError } from '../errors/conform-error.js'
import { displayPath } from './display-path.js'

/**
 * Reads and parses a JSON file, or throws CONFORM_CONFIG_UNREADABLE naming
 * the file and, when the parser says where, the line and column.
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new ConformError(
      'CONFORM_CONFIG_UNREADABLE',
      `conform: could not read ${displayPath(path)} (${code}). Check that it is a file the user running conform can read.`,
      { cause: error },
    )
  }
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text
  try {
    return JSON.parse(json) as unknown
  } catch (error) {
    const { reason, position } = syntaxProblem((error as Error).message, json)
    const where = position === undefined ? '' : ` at ${lineAndColumn(json, position)}`
    throw new ConformError(
      'CONFORM_CONFIG_UNREADABLE',
      `conform: ${displayPath(path)} is not valid JSON: ${reason}${where}. Fix the syntax${where ? ' there' : ''} (JSON allows no comments and no trailing commas).`,
      { cause: error },
    )
  }
}

/**
 * V8's message without its position suffix (worded differently across Node
 * versions) and without the copy of the input some messages carry, which
 * could be long or hold a secret.
 */
function syntaxProblem(message: string, text: string): { reason: string; position?: number } {
  const at = /\s+in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message)
  if (at?.[1] !== undefined) return { reason: message.slice(0, at.index), position: Number(at[1]) }
  if (message === 'Unexpected end of JSON input') return { reason: 'Unexpected end of input', position: text.length }
  const token = /^(Unexpected token .+?), (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s.exec(message)
  if (token?.[1] !== undefined) return { reason: token[1] }
  return { reason: message }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - (before.lastIndexOf('\n') + 1) + 1
  return `line ${line}, column ${column}`
}
