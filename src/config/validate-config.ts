import { ConformError } from '../errors/conform-error.js'
import { describeIssues } from './describe-issue.js'
import { displayPath } from './display-path.js'
import type { WorkerConfig } from './worker-config.js'
import { workerConfigSchema } from './worker-config-schema.js'

/**
 * Checks a config as read from `source` and applies defaults. Every bad
 * field goes into one CONFORM_CONFIG_INVALID paragraph, so a user fixes
 * them all in one go instead of one per run.
 *
 * @param prefix where the config sits inside its file (`["conform"]` in a package.json)
 * @param label how messages name the config when it is no file (command-line flags, an object in code)
 */
export function validateConfig(raw: unknown, options: { source: string; prefix: string[]; label?: string }): WorkerConfig {
  const parsed = workerConfigSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const clauses = describeIssues(parsed.error.issues, raw, options.prefix)
  const fix = clauses.length > 1 ? 'Fix those fields' : clauses[0]?.startsWith('the config ') ? 'Fix the file' : 'Fix that field'
  throw new ConformError(
    'CONFORM_CONFIG_INVALID',
    `conform: ${options.label ?? displayPath(options.source)} is invalid: ${clauses.join('; ')}. ${fix}; the format is in the worker contract, section 2.`,
    { cause: parsed.error },
  )
}
