import { pathToFileURL } from 'node:url'
import { ConformError } from '../errors/conform-error.js'
import { displayPath } from './display-path.js'

/**
 * The default export of a `conform.config.{js,mjs,ts}`. TypeScript goes
 * through tsx, loaded only when needed so JSON users never pay for it.
 * Throws CONFORM_CONFIG_UNREADABLE when the module fails to load and
 * CONFORM_CONFIG_INVALID when it has no default export.
 */
export async function importConfigModule(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href
  let namespace: unknown
  try {
    if (path.endsWith('.ts')) {
      const { tsImport } = await import('tsx/esm/api')
      namespace = await tsImport(url, import.meta.url)
    } else {
      namespace = await import(url)
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ConformError(
      'CONFORM_CONFIG_UNREADABLE',
      `conform: could not load ${displayPath(path)}: ${reason}. Fix the error in that file.`,
      { cause: error },
    )
  }
  const config = defaultExport(namespace)
  if (config === undefined) {
    throw new ConformError(
      'CONFORM_CONFIG_INVALID',
      `conform: ${displayPath(path)} is invalid: it has no default export. Export the config as the default, e.g. \`export default defineConfig({ command: [...], actionType: {...} })\`.`,
    )
  }
  return config
}

/**
 * A module's default export. A file that loads as CommonJS (a `.js` or
 * `.ts` outside a `"type": "module"` package) arrives wrapped once more as
 * `{ default: ... }`; no valid config has a `default` key, so unwrapping
 * such an object is safe.
 */
function defaultExport(namespace: unknown): unknown {
  let value = (namespace as { default?: unknown } | null)?.default
  for (let depth = 0; depth < 2 && isWrapper(value); depth += 1) value = value.default
  return value
}

function isWrapper(value: unknown): value is { default: unknown } {
  if (typeof value !== 'object' || value === null || !('default' in value)) return false
  return Object.keys(value).every((key) => key === 'default' || key === '__esModule')
}
