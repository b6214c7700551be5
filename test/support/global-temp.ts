import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder this `npm test` gives its end-to-end runs' reports. */
    e2eTempRoot: string
  }
}

/**
 * Vitest global setup: one folder for the reports the end-to-end tests' CLI runs write (some
 * hundreds a full `npm test`), removed when the run ends. Handed to the tests with `provide`,
 * not an environment variable, which every worker process the tests start would inherit.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'conform-test-'))
  project.provide('e2eTempRoot', folder)
  return () => rm(folder, { recursive: true, force: true })
}
