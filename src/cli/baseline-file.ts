import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { displayPath } from '../config/display-path.js'
import { ConformError } from '../errors/conform-error.js'
import { BASELINE_VERSION, type Baseline } from '../report/baseline.js'
import { RESULTS_SCHEMA_VERSION, type Results } from '../report/results.js'

/** The file a baseline lives in unless --baseline names another; committed beside the worker. */
export const DEFAULT_BASELINE = 'conform-baseline.json'

const VERDICT = z.enum(['pass', 'fail', 'n/a', 'error', 'unknown'])
const BASELINE = z.strictObject({
  conformBaseline: z.literal(BASELINE_VERSION),
  catalogueVersion: z.string(),
  worker: z.string(),
  rules: z.record(z.string().regex(/^[A-Z][A-Z0-9]*-[0-9]{3}$/), VERDICT),
})

/** Reads and checks a baseline file; every problem is a usage error naming the file and the fix. */
export async function readBaseline(path: string): Promise<Baseline> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new ConformError(
      'CONFORM_USAGE',
      missing
        ? `conform: the baseline ${displayPath(path)} does not exist. Create it from a run you accept with \`npx conform baseline update <results.json> --baseline ${displayPath(path)}\` and commit it.`
        : `conform: could not read the baseline ${displayPath(path)}: ${(error as Error).message}.`,
      { cause: error },
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ConformError('CONFORM_USAGE', `conform: the baseline ${displayPath(path)} is not JSON (${(error as Error).message}). Write it again with \`npx conform baseline update\`.`, { cause: error })
  }
  const checked = BASELINE.safeParse(parsed)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    const where = issue && issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'the document'
    throw new ConformError('CONFORM_USAGE', `conform: the baseline ${displayPath(path)} is not a conform baseline: ${where}: ${issue?.message ?? 'invalid'}. Write it again with \`npx conform baseline update\`.`)
  }
  return checked.data as Baseline
}

/** Reads a results.json a conform run wrote; a usage error for anything else. */
export async function readResultsFile(path: string, command: string): Promise<Results> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new ConformError('CONFORM_USAGE', `${command}: could not read ${displayPath(path)} as JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Give the results.json that a conform run wrote.`)
  }
  if ((parsed as Results | null)?.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    throw new ConformError('CONFORM_USAGE', `${command}: ${displayPath(path)} is not a conform results.json of schema version ${RESULTS_SCHEMA_VERSION}. Give the results.json that a conform run wrote.`)
  }
  return parsed as Results
}
