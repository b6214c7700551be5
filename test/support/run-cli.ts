import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Results } from '../../src/report/results.js'
import { e2eTempDir } from './e2e-temp.js'
import { schemaErrors } from './results-schema.js'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  out: string
  results(): Promise<Results>
}

/** Runs the real, built CLI as a user would (`node bin/conform.js ...`), from the repo root. */
export async function runCli(args: string[], options: { env?: Record<string, string>; withOut?: boolean } = {}): Promise<CliRun> {
  const out = await e2eTempDir()
  // --out goes before a `--`: what follows it is the worker's own command line.
  const split = args.indexOf('--')
  const outFlag = options.withOut === false ? [] : ['--out', out]
  const argv = split === -1 ? [...args, ...outFlag] : [...args.slice(0, split), ...outFlag, ...args.slice(split)]
  const child = spawn(process.execPath, ['bin/conform.js', ...argv], {
    cwd: REPO,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  return { code, stdout, stderr, out, results: () => readResults(join(out, 'results.json')) }
}

/** Every results.json an end-to-end test reads is first checked against the published schema (docs/results-schema.json). */
async function readResults(file: string): Promise<Results> {
  const document: unknown = JSON.parse(await readFile(file, 'utf8'))
  const errors = schemaErrors(document)
  if (errors.length > 0) throw new Error(`${file} does not match docs/results-schema.json:\n${errors.join('\n')}`)
  return document as Results
}
