import { findConfig } from './find-config.js'
import { importConfigModule } from './import-config-module.js'
import { loadWorkerModule } from './load-worker-module.js'
import { readJsonFile } from './read-json-file.js'
import { validateConfig } from './validate-config.js'
import type { WorkerConfig } from './worker-config.js'

export interface LoadedConfig {
  /** The config after validation and defaults. */
  config: WorkerConfig
  /** Absolute path of the file that held it (a conform.config.* or a package.json). */
  source: string
  /** Absolute working directory for `command`: the folder of `source`. */
  workerDir: string
  /** Set when the worker is a JS/TS module run in-process (worker contract, section 4). */
  modulePath?: string
}

/**
 * Finds, reads and validates the config of the worker at `path` (a folder
 * with conform.config.json/.ts/.mjs/.js or a package.json "conform" key).
 * Every problem is a ConformError naming the file, the field and the fix.
 *
 * @example
 * const { config, workerDir } = await loadWorkerConfig('fixtures/workers/reference')
 */
export async function loadWorkerConfig(path: string): Promise<LoadedConfig> {
  const found = await findConfig(path)
  if (found.kind === 'module') return loadWorkerModule(found.path)
  let raw: unknown
  let prefix: string[] = []
  if (found.kind === 'package-json') {
    raw = found.packageJson['conform']
    prefix = ['conform']
  } else if (found.path.endsWith('.json')) {
    raw = await readJsonFile(found.path)
  } else {
    raw = await importConfigModule(found.path)
  }
  const config = validateConfig(raw, { source: found.path, prefix })
  return { config, source: found.path, workerDir: found.workerDir }
}
