import { execFile, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import * as codepipeline from '@aws-sdk/client-codepipeline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService } from '../../src/service/fake-service.js'
import { serveOnLoopback } from '../../src/service/serve.js'
import { WORKER_CREDENTIALS, TEST_ACTION_TYPE } from '../../src/service/testing/job-spec-fixture.js'
import { CONTINUATION_TOKEN, JOB, MODELLED_ERRORS, prepare, STEPS, type StepResult } from './fidelity-plan.js'

/**
 * The fidelity matrix: clients nobody here wrote (the JS SDK, boto3, the AWS
 * CLI) run the same plan against the fake and must read every answer, and
 * every error, as they would read AWS's. boto3 and the CLI are not optional:
 * CI must install them, and their absence fails here, loudly.
 */
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

const python = spawnSync('python3', ['-c', 'import boto3, botocore; print(botocore.__version__)'], { encoding: 'utf8' })
const cli = spawnSync('aws', ['--version'], { encoding: 'utf8' })

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
beforeEach(async () => {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  served = await serveOnLoopback(service, { trace: service.trace })
  prepare(service)
})
afterEach(async () => {
  service.close()
  await served.close()
})

const pythonEnv = () => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  AWS_ACCESS_KEY_ID: WORKER_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: WORKER_CREDENTIALS.secretAccessKey,
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  // One attempt per call: the plan's transient errors must reach the caller, not be retried away.
  AWS_RETRY_MODE: 'standard',
  AWS_MAX_ATTEMPTS: '1',
  ENDPOINT: served.url,
})

function runPython(script: string): Promise<StepResult[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('python3', [here(script)], { env: pythonEnv(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} failed: ${stderr}`))
      else resolve(JSON.parse(stdout) as StepResult[])
    })
    child.stdin?.end(JSON.stringify(STEPS))
  })
}

async function runJs(): Promise<StepResult[]> {
  const client = new codepipeline.CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS, maxAttempts: 1 })
  const commands = codepipeline as unknown as Record<string, new (input: unknown) => Parameters<typeof client.send>[0]>
  const results: StepResult[] = []
  try {
    for (const step of STEPS) {
      const Command = commands[`${step.operation}Command`]
      if (!Command) throw new Error(`no ${step.operation}Command in @aws-sdk/client-codepipeline`)
      try {
        const { $metadata: _, ...body } = (await client.send(new Command(step.input))) as unknown as Record<string, unknown>
        results.push({ name: step.name, outcome: 'ok', body })
      } catch (error) {
        results.push({ name: step.name, outcome: (error as Error).name, errorClass: (error as Error).constructor.name })
      }
    }
  } finally {
    client.destroy()
  }
  return results
}

/** The checks every client must pass on its results. */
function expectFaithful(results: StepResult[], options: { classes: 'own' | 'none'; transientClass?: string }): void {
  expect(results.map((r) => [r.name, r.outcome])).toEqual(STEPS.map((s) => [s.name, s.expect]))
  const byName = new Map(results.map((r) => [r.name, r]))
  const body = (name: string) => byName.get(name)?.body as Record<string, any>
  expect((body('poll').jobs as { id: string }[]).map((job) => job.id).sort()).toEqual(Object.values(JOB).sort())
  expect(body('acknowledge').status).toBe('InProgress')
  expect(body('get details').jobDetails.id).toBe(JOB.A)
  const continued = body('poll the continuation job').jobs[0]
  expect(continued.data.continuationToken).toBe(CONTINUATION_TOKEN)
  expect(Object.values(JOB)).not.toContain(continued.id)
  if (options.classes === 'own') {
    for (const result of results.filter((r) => MODELLED_ERRORS.includes(r.outcome))) expect([result.name, result.errorClass]).toEqual([result.name, result.outcome])
    for (const result of results.filter((r) => r.outcome !== 'ok' && !MODELLED_ERRORS.includes(r.outcome))) expect([result.name, result.errorClass]).toEqual([result.name, options.transientClass])
  }
}

describe('fidelity matrix: real clients drive the fake through the job life and every modelled error', () => {
  it('@aws-sdk/client-codepipeline', async () => {
    expectFaithful(await runJs(), { classes: 'own', transientClass: 'CodePipelineServiceException' })
    // Each step crossed the wire once, with a valid signature.
    expect(service.trace.entries().filter((e) => e.signatureValid !== true)).toEqual([])
  })

  it(`boto3 (botocore ${python.stdout.trim() || 'MISSING'}), every step in one Python process`, async () => {
    if (python.status !== 0) throw new Error(`boto3 is required for the fidelity matrix: install it (pip install boto3). python3 said: ${python.stderr || python.error}`)
    expectFaithful(await runPython('boto3-runner.py'), { classes: 'own', transientClass: 'ClientError' })
  })

  it(`the AWS CLI (${cli.stdout.trim().split(' ')[0] || 'MISSING'})`, async () => {
    if (cli.status !== 0) throw new Error(`the AWS CLI is required for the fidelity matrix: install it (pip install awscli). aws said: ${cli.stderr || cli.error}`)
    expectFaithful(await runPython('cli-runner.py'), { classes: 'none' })
  }, 180_000)
})
