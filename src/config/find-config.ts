import { stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { ConformError } from '../errors/conform-error.js'
import { displayPath } from './display-path.js'
import { readJsonFile } from './read-json-file.js'

/** The config file names, in the order they are looked for (worker contract, section 1). */
export const CONFIG_FILE_NAMES = ['conform.config.json', 'conform.config.ts', 'conform.config.mjs', 'conform.config.js'] as const

export type FoundConfig =
  | { kind: 'file'; path: string; workerDir: string }
  /** package.json is read here (to see whether it has the key), so its parsed content travels along. */
  | { kind: 'package-json'; path: string; workerDir: string; packageJson: Record<string, unknown> }
  /** A JS/TS module other than a config file: a worker run in-process (worker contract, section 4). */
  | { kind: 'module'; path: string; workerDir: string }

const EXAMPLE = '{"command": ["python3", "worker.py"], "actionType": {"category": "Build", "provider": "MyProvider", "version": "1"}}'

/**
 * Finds the worker's config from the path the user named: a folder (the
 * usual case), or one of the config files themselves, whose folder is then
 * the worker's. Throws CONFORM_WORKER_PATH_NOT_FOUND or
 * CONFORM_CONFIG_NOT_FOUND with the fix.
 */
export async function findConfig(userPath: string): Promise<FoundConfig> {
  const absolute = resolve(userPath)
  const stats = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined
    throw new ConformError('CONFORM_CONFIG_UNREADABLE', `conform: could not read worker path \`${userPath}\` (${error.code ?? 'error'}). Check its permissions.`, { cause: error })
  })
  if (!stats) {
    throw new ConformError(
      'CONFORM_WORKER_PATH_NOT_FOUND',
      `conform: worker path \`${userPath}\` does not exist. Pass the folder that holds your worker's conform.config.json, e.g. \`npx conform ./my-worker\`.`,
    )
  }
  if (stats.isDirectory()) return findInFolder(absolute)
  const name = basename(absolute)
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(name)) return { kind: 'file', path: absolute, workerDir: dirname(absolute) }
  if (name === 'package.json') {
    const found = await packageJsonWithKey(absolute)
    if (found) return found
  }
  if (/\.(ts|mts|js|mjs)$/.test(name)) return { kind: 'module', path: absolute, workerDir: dirname(absolute) }
  throw new ConformError(
    'CONFORM_CONFIG_NOT_FOUND',
    `conform: worker path \`${userPath}\` is a file, but neither a worker folder nor a JS/TS module. Pass the folder that holds your worker's conform.config.json, e.g. \`npx conform ${displayPath(dirname(absolute))}\`, or a module exporting run({ signal }) to run it in-process.`,
  )
}

async function findInFolder(folder: string): Promise<FoundConfig> {
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(folder, name)
    if (await isFile(path)) return { kind: 'file', path, workerDir: folder }
  }
  const packageJson = join(folder, 'package.json')
  if (await isFile(packageJson)) {
    const found = await packageJsonWithKey(packageJson)
    if (found) return found
  }
  throw new ConformError(
    'CONFORM_CONFIG_NOT_FOUND',
    `conform: no worker config in ${displayPath(folder)}: looked for ${CONFIG_FILE_NAMES.join(', ')} and a "conform" key in package.json. ` +
      `Create ${displayPath(join(folder, 'conform.config.json'))}, for example ${EXAMPLE} (the format is in the worker contract, section 2).`,
  )
}

async function packageJsonWithKey(path: string): Promise<FoundConfig | undefined> {
  const content = await readJsonFile(path)
  if (typeof content !== 'object' || content === null || !('conform' in content)) return undefined
  return { kind: 'package-json', path, workerDir: dirname(path), packageJson: content as Record<string, unknown> }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false)
}
