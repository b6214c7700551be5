import { pathToFileURL } from 'node:url'
import { ConformError } from '../errors/conform-error.js'
import { displayPath } from './display-path.js'
import type { LoadedConfig } from './load-config.js'
import { validateConfig } from './validate-config.js'

/**
 * Reads what an in-process worker module declares about itself: `run`
 * (required), `actionType` (required), and optionally `env`,
 * `jobTimeoutMs`, `minPollIntervalMs`, `concurrency`, `shutdownGraceMs`,
 * `continuation`, `secretConfiguration`, `capabilities` and `skip`, with the
 * meanings they have in conform.config.json. The module is imported here only to read those exports;
 * its `run` is called later in a worker thread, so module-level code must
 * not start polling by itself (worker contract, section 4).
 */
const OPTIONAL_EXPORTS = ['env', 'jobTimeoutMs', 'minPollIntervalMs', 'concurrency', 'shutdownGraceMs', 'continuation', 'secretConfiguration', 'capabilities', 'skip'] as const

export async function loadWorkerModule(path: string): Promise<LoadedConfig> {
  const url = pathToFileURL(path).href
  let exports: Record<string, unknown>
  try {
    exports = (path.endsWith('.ts') || path.endsWith('.mts') ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url)) as Record<string, unknown>
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ConformError('CONFORM_CONFIG_UNREADABLE', `conform: could not load ${displayPath(path)}: ${reason}. Fix the error in that module.`, { cause: error })
  }
  if (typeof exports['run'] !== 'function') {
    throw new ConformError(
      'CONFORM_CONFIG_INVALID',
      `conform: ${displayPath(path)} is not an in-process worker: it exports no run function. Export \`async function run({ signal })\` (your poll loop, stopping when signal aborts) and \`actionType\`, or pass the worker's folder with its conform.config.json instead.`,
    )
  }
  const label = `the in-process worker ${displayPath(path)}`
  const raw = {
    command: [path],
    actionType: exports['actionType'],
    ...Object.fromEntries(OPTIONAL_EXPORTS.filter((name) => exports[name] !== undefined).map((name) => [name, exports[name]])),
  }
  const config = validateConfig(raw, { source: path, prefix: [], label })
  return { config, source: path, workerDir: process.cwd(), modulePath: path }
}
