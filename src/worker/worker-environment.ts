import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConformError } from '../errors/conform-error.js'
import { isStrippedVariable, reservedVariableReason } from './reserved-variables.js'

export interface WorkerEnvironmentInput {
  /** The environment conform itself runs in (usually `process.env`). */
  parentEnv: NodeJS.ProcessEnv
  codepipelineEndpoint: string
  s3Endpoint: string
  region: string
  /** The worker's own test credentials, valid only at the fake. */
  credentials: { accessKeyId: string; secretAccessKey: string }
  /** The config's `env`, applied last. */
  configEnv: Record<string, string>
  /** The run's temporary folder; the empty AWS config and credentials files are written here. */
  tmpDir: string
}

/**
 * The environment the worker starts with (worker contract, section 3): the
 * parent's, minus everything that could reach real AWS, plus the fake's
 * endpoints and test credentials, plus the config's `env`.
 *
 * The AWS config and credentials files point at empty files rather than
 * being unset, because an unset variable makes SDKs fall back to
 * `~/.aws/config`, whose profiles could hold real keys or SSO sessions.
 *
 * @example
 * const env = buildWorkerEnvironment({ parentEnv: process.env, codepipelineEndpoint: url, s3Endpoint: url,
 *   region: 'us-east-1', credentials, configEnv: config.env, tmpDir })
 */
export function buildWorkerEnvironment(input: WorkerEnvironmentInput): Record<string, string> {
  for (const name of Object.keys(input.configEnv)) {
    const reason = reservedVariableReason(name)
    if (reason !== undefined) {
      throw new ConformError(
        'CONFORM_CONFIG_INVALID',
        `conform: the worker's \`env\` sets ${name}, but ${reason}. Remove ${name} from \`env\` in the worker config (or from --env).`,
      )
    }
  }

  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(input.parentEnv)) {
    if (value !== undefined && !isStrippedVariable(name)) env[name] = value
  }

  const configFile = join(input.tmpDir, 'aws-config')
  const credentialsFile = join(input.tmpDir, 'aws-credentials')
  writeFileSync(configFile, '')
  writeFileSync(credentialsFile, '')

  Object.assign(env, {
    AWS_ENDPOINT_URL_CODEPIPELINE: input.codepipelineEndpoint,
    AWS_ENDPOINT_URL_S3: input.s3Endpoint,
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_ACCESS_KEY_ID: input.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: input.credentials.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    CONFORM: '1',
  })
  return { ...env, ...input.configEnv }
}
