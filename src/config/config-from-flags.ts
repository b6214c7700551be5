import { ConformError } from '../errors/conform-error.js'
import type { LoadedConfig } from './load-config.js'
import { validateConfig } from './validate-config.js'

export interface WorkerFlags {
  /** The worker's argv, everything after `--`. */
  command: string[]
  /** `Category/Provider/Version` (owner Custom) or `Category/Owner/Provider/Version`. */
  actionType?: string
  /** `KEY=VALUE` each. */
  env: string[]
  profile?: string
  jobTimeoutMs?: number
}

const LABEL = 'the worker given on the command line'

/**
 * `conform --action-type Build/MyProvider/1 -- python3 worker.py`: the flags
 * stand in for a config file and go through the same schema, so a bad value
 * gets the same field-level message a file would.
 */
export function configFromFlags(flags: WorkerFlags, cwd: string = process.cwd()): LoadedConfig {
  if (flags.actionType === undefined) {
    throw new ConformError(
      'CONFORM_USAGE',
      'conform: a worker given as a command needs --action-type Category/Provider/Version (for example --action-type Build/MyProvider/1): the action type it polls for. Add it before the `--`.',
    )
  }
  const raw = {
    command: flags.command,
    actionType: parseActionType(flags.actionType),
    env: Object.fromEntries(flags.env.map(parseEnv)),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.jobTimeoutMs !== undefined ? { jobTimeoutMs: flags.jobTimeoutMs } : {}),
  }
  return { config: validateConfig(raw, { source: cwd, prefix: [], label: LABEL }), source: LABEL, workerDir: cwd }
}

function parseActionType(value: string): Record<string, string> {
  const parts = value.split('/')
  if (parts.length === 3) return { category: parts[0] ?? '', owner: 'Custom', provider: parts[1] ?? '', version: parts[2] ?? '' }
  if (parts.length === 4) return { category: parts[0] ?? '', owner: parts[1] ?? '', provider: parts[2] ?? '', version: parts[3] ?? '' }
  throw new ConformError(
    'CONFORM_USAGE',
    `conform: --action-type ${JSON.stringify(value)} is not Category/Provider/Version or Category/Owner/Provider/Version. Write it like --action-type Build/MyProvider/1.`,
  )
}

function parseEnv(value: string): [string, string] {
  const at = value.indexOf('=')
  if (at <= 0) throw new ConformError('CONFORM_USAGE', `conform: --env ${JSON.stringify(value)} is not KEY=VALUE. Write it like --env POLL_INTERVAL_MS=200.`)
  return [value.slice(0, at), value.slice(at + 1)]
}
