import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isConformError } from '../errors/conform-error.js'
import { buildWorkerEnvironment, type WorkerEnvironmentInput } from './worker-environment.js'

let tmpDir: string
beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'conform-env-'))
})
afterEach(async () => {
  await rm(tmpDir, { recursive: true, force: true })
})

const input = (overrides: Partial<WorkerEnvironmentInput> = {}): WorkerEnvironmentInput => ({
  parentEnv: {
    PATH: '/usr/bin:/bin',
    HOME: '/home/me',
    LANG: 'C.UTF-8',
    AWS_PROFILE: 'prod',
    AWS_SESSION_TOKEN: 'real-session',
    AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy',
    AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 'secret',
    AWS_ACCESS_KEY_ID: 'AKIAREALREALREAL',
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    AWS_ENDPOINT_URL: 'https://example.com',
    AMAZON_SOMETHING: 'x',
    ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4',
    aws_profile: 'lowercase too',
    UNDEFINED_ONE: undefined,
  },
  codepipelineEndpoint: 'http://127.0.0.1:4000',
  s3Endpoint: 'http://127.0.0.1:4001',
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIATESTTESTTEST', secretAccessKey: 'test-secret' },
  configEnv: {},
  tmpDir,
  ...overrides,
})

describe('buildWorkerEnvironment', () => {
  it('keeps the ordinary variables, drops everything that could reach AWS, and sets the fake', async () => {
    const env = buildWorkerEnvironment(input({ configEnv: { POLL_INTERVAL_MS: '200', AWS_MAX_ATTEMPTS: '1' } }))
    expect(env).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/me',
      LANG: 'C.UTF-8',
      AWS_ENDPOINT_URL_CODEPIPELINE: 'http://127.0.0.1:4000',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4001',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIATESTTESTTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(tmpDir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(tmpDir, 'aws-credentials'),
      CONFORM: '1',
      POLL_INTERVAL_MS: '200',
      AWS_MAX_ATTEMPTS: '1',
    })
    expect(await readFile(join(tmpDir, 'aws-config'), 'utf8')).toBe('')
    expect(await readFile(join(tmpDir, 'aws-credentials'), 'utf8')).toBe('')
  })

  it('refuses a config env that sets a variable conform owns', () => {
    let error: unknown
    try {
      buildWorkerEnvironment(input({ configEnv: { AWS_ENDPOINT_URL_CODEPIPELINE: 'https://codepipeline.us-east-1.amazonaws.com' } }))
    } catch (e) {
      error = e
    }
    if (!isConformError(error)) throw new Error(`expected a ConformError, got ${String(error)}`)
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'CONFORM_CONFIG_INVALID',
      message:
        "conform: the worker's `env` sets AWS_ENDPOINT_URL_CODEPIPELINE, but conform sets AWS_ENDPOINT_URL_CODEPIPELINE itself so the worker talks only to the fake service (worker contract, section 3). " +
        'Remove AWS_ENDPOINT_URL_CODEPIPELINE from `env` in the worker config (or from --env).',
    })
  })

  it('refuses a config env that sets a credential source', () => {
    expect(() => buildWorkerEnvironment(input({ configEnv: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/creds' } }))).toThrow(
      "conform: the worker's `env` sets AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, but AWS_CONTAINER_CREDENTIALS_RELATIVE_URI can point an AWS SDK at real credentials or a real endpoint, so conform never passes it to the worker. " +
        'Remove AWS_CONTAINER_CREDENTIALS_RELATIVE_URI from `env` in the worker config (or from --env).',
    )
  })
})
