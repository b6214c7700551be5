import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import {
  AcknowledgeJobCommand,
  AcknowledgeThirdPartyJobCommand,
  CodePipelineClient,
  GetThirdPartyJobDetailsCommand,
  InvalidClientTokenException,
  InvalidJobStateException,
  InvalidNonceException,
  JobNotFoundException,
  PollForJobsCommand,
  PollForThirdPartyJobsCommand,
  PutThirdPartyJobFailureResultCommand,
  PutThirdPartyJobSuccessResultCommand,
} from '@aws-sdk/client-codepipeline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService } from './fake-service.js'
import type { ActionTypeId } from './jobs/job-spec.js'
import { codePipelineModel } from './model/service-model.js'
import { validateShape } from './model/validate-shape.js'
import { serveOnLoopback } from './serve.js'
import { jobSpecFixture, WORKER_CREDENTIALS } from './testing/job-spec-fixture.js'

const PARTNER_TYPE: ActionTypeId = { category: 'Deploy', owner: 'ThirdParty', provider: 'ConformPartner', version: '1' }
const CLIENT_ID = '0f0e0d0c-0b0a-4909-8807-060504030201'
const CLIENT_TOKEN = 'partner-client-token-for-tests'

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
let client: CodePipelineClient

beforeEach(async () => {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [PARTNER_TYPE], jobTimeoutMs: 60_000 })
  served = await serveOnLoopback(service)
  client = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS, maxAttempts: 1 })
})
afterEach(async () => {
  client.destroy()
  service.close()
  await served.close()
})

const partnerJob = (overrides: Parameters<typeof jobSpecFixture>[0] = {}) =>
  jobSpecFixture({ actionTypeId: PARTNER_TYPE, partner: { clientId: CLIENT_ID, clientToken: CLIENT_TOKEN }, ...overrides })
const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => new Error('the call succeeded'), (error: unknown) => error)

describe('partner (ThirdParty) jobs, driven by @aws-sdk/client-codepipeline', () => {
  it('races a partner dispatch like a custom one: the next poll after the claim gets it, GetThirdPartyJobDetails gives the same nonce, and that claim is refused', async () => {
    const spec = partnerJob({ race: { polls: 2 } })
    service.enqueue([spec])
    await client.send(new PollForThirdPartyJobsCommand({ actionTypeId: PARTNER_TYPE }))
    const mine = await client.send(new GetThirdPartyJobDetailsCommand({ jobId: spec.id, clientToken: CLIENT_TOKEN }))
    await client.send(new AcknowledgeThirdPartyJobCommand({ jobId: spec.id, nonce: mine.jobDetails?.nonce, clientToken: CLIENT_TOKEN }))
    const again = await client.send(new PollForThirdPartyJobsCommand({ actionTypeId: PARTNER_TYPE }))
    expect(again.jobs).toEqual([{ clientId: CLIENT_ID, jobId: spec.id }])
    const theirs = await client.send(new GetThirdPartyJobDetailsCommand({ jobId: spec.id, clientToken: CLIENT_TOKEN }))
    expect(theirs.jobDetails?.nonce).toBe(mine.jobDetails?.nonce)
    const claim = client.send(new AcknowledgeThirdPartyJobCommand({ jobId: spec.id, nonce: theirs.jobDetails?.nonce, clientToken: CLIENT_TOKEN }))
    expect(await rejection(claim)).toBeInstanceOf(InvalidNonceException)
  })

  it('polls {clientId, jobId} only, gives data and nonce for the mapped clientToken, and takes the claim and result with it', async () => {
    const spec = partnerJob()
    service.enqueue([spec])
    const polled = await client.send(new PollForThirdPartyJobsCommand({ actionTypeId: PARTNER_TYPE, maxBatchSize: 5 }))
    expect(polled.jobs).toEqual([{ clientId: CLIENT_ID, jobId: spec.id }])
    expect(service.job(spec.id)?.status).toBe('Dispatched')

    const details = await client.send(new GetThirdPartyJobDetailsCommand({ jobId: spec.id, clientToken: CLIENT_TOKEN }))
    expect(details.jobDetails).toMatchObject({ id: spec.id, nonce: '1', data: { actionTypeId: PARTNER_TYPE, actionConfiguration: { configuration: { ProjectName: 'demo' } } } })
    expect(details.jobDetails?.data?.pipelineContext).not.toHaveProperty('pipelineArn')
    expect(details.jobDetails?.data?.pipelineContext).not.toHaveProperty('pipelineExecutionId')
    expect(details.jobDetails?.data?.artifactCredentials?.accessKeyId).toMatch(/^ASIA/)

    const ack = await client.send(new AcknowledgeThirdPartyJobCommand({ jobId: spec.id, nonce: '1', clientToken: CLIENT_TOKEN }))
    expect(ack.status).toBe('InProgress')
    await client.send(new PutThirdPartyJobSuccessResultCommand({ jobId: spec.id, clientToken: CLIENT_TOKEN, executionDetails: { summary: 'deployed' } }))
    expect(service.job(spec.id)?.status).toBe('Succeeded')
    expect(service.trace.entries().map((e) => `${e.operation} ${e.response.status}`)).toEqual([
      'PollForThirdPartyJobs 200',
      'GetThirdPartyJobDetails 200',
      'AcknowledgeThirdPartyJob 200',
      'PutThirdPartyJobSuccessResult 200',
    ])
  })

  it('answers InvalidClientTokenException to any other clientToken, on details, claim and results alike', async () => {
    const spec = partnerJob()
    service.enqueue([spec])
    await client.send(new PollForThirdPartyJobsCommand({ actionTypeId: PARTNER_TYPE }))
    const wrong = 'not-the-token'
    for (const call of [
      client.send(new GetThirdPartyJobDetailsCommand({ jobId: spec.id, clientToken: wrong })),
      client.send(new AcknowledgeThirdPartyJobCommand({ jobId: spec.id, nonce: '1', clientToken: wrong })),
      client.send(new PutThirdPartyJobFailureResultCommand({ jobId: spec.id, clientToken: wrong, failureDetails: { type: 'JobFailed', message: 'x' } })),
    ]) {
      const error = await rejection(call)
      expect(error).toBeInstanceOf(InvalidClientTokenException)
      expect((error as Error).message).toBe(`The client token was specified in an invalid format: it is not the token of client ${CLIENT_ID}`)
    }
    expect(service.job(spec.id)?.status).toBe('Dispatched')
  })

  it('refuses a stale nonce, a result before the claim, and keeps partner and custom jobs apart', async () => {
    const spec = partnerJob()
    service.enqueue([spec])
    await client.send(new PollForThirdPartyJobsCommand({ actionTypeId: PARTNER_TYPE }))
    expect(await rejection(client.send(new AcknowledgeThirdPartyJobCommand({ jobId: spec.id, nonce: '0', clientToken: CLIENT_TOKEN })))).toBeInstanceOf(InvalidNonceException)
    expect(
      await rejection(client.send(new PutThirdPartyJobFailureResultCommand({ jobId: spec.id, clientToken: CLIENT_TOKEN, failureDetails: { type: 'JobFailed', message: 'x' } }))),
    ).toBeInstanceOf(InvalidJobStateException)
    expect(await rejection(client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' })))).toBeInstanceOf(JobNotFoundException)
    expect((await client.send(new PollForJobsCommand({ actionTypeId: PARTNER_TYPE }))).jobs).toEqual([])
  })

  it('continues a partner job: the token arrives with the next job, its own nonce from GetThirdPartyJobDetails', async () => {
    const spec = partnerJob()
    service.enqueue([spec])
    await client.send(new PollForThirdPartyJobsCommand({ actionTypeId: PARTNER_TYPE }))
    await client.send(new GetThirdPartyJobDetailsCommand({ jobId: spec.id, clientToken: CLIENT_TOKEN }))
    await client.send(new AcknowledgeThirdPartyJobCommand({ jobId: spec.id, nonce: '1', clientToken: CLIENT_TOKEN }))
    await client.send(new PutThirdPartyJobSuccessResultCommand({ jobId: spec.id, clientToken: CLIENT_TOKEN, continuationToken: 'hop-2' }))
    const [next] = (await client.send(new PollForThirdPartyJobsCommand({ actionTypeId: PARTNER_TYPE }))).jobs ?? []
    expect(next?.clientId).toBe(CLIENT_ID)
    const details = await client.send(new GetThirdPartyJobDetailsCommand({ jobId: next?.jobId, clientToken: CLIENT_TOKEN }))
    expect(details.jobDetails).toMatchObject({ nonce: '1', data: { continuationToken: 'hop-2' } })
  })

  it('answers every partner call with a body valid under the model', async () => {
    const spec = partnerJob()
    service.enqueue([spec])
    await client.send(new PollForThirdPartyJobsCommand({ actionTypeId: PARTNER_TYPE }))
    await client.send(new GetThirdPartyJobDetailsCommand({ jobId: spec.id, clientToken: CLIENT_TOKEN }))
    await client.send(new AcknowledgeThirdPartyJobCommand({ jobId: spec.id, nonce: '1', clientToken: CLIENT_TOKEN }))
    for (const entry of service.trace.entries()) {
      const output = codePipelineModel.operations[entry.operation]?.output
      expect(output, entry.operation).toBeDefined()
      expect(validateShape(codePipelineModel, output ?? '', entry.response.body)).toEqual({ kind: 'valid' })
    }
  })
})

const BOTO3_PARTNER = `
import json, os, boto3
client = boto3.client('codepipeline', endpoint_url=os.environ['ENDPOINT'])
jobs = client.poll_for_third_party_jobs(actionTypeId=json.loads(os.environ['ACTION_TYPE']))['jobs']
try:
    client.get_third_party_job_details(jobId=jobs[0]['jobId'], clientToken='wrong')
    wrong = 'accepted'
except client.exceptions.InvalidClientTokenException as error:
    wrong = type(error).__name__
details = client.get_third_party_job_details(jobId=jobs[0]['jobId'], clientToken=os.environ['CLIENT_TOKEN'])['jobDetails']
status = client.acknowledge_third_party_job(jobId=details['id'], nonce=details['nonce'], clientToken=os.environ['CLIENT_TOKEN'])['status']
print(json.dumps({'jobs': jobs, 'wrong': wrong, 'status': status}))
`

describe('partner jobs through boto3', () => {
  it('polls, is refused with InvalidClientTokenException for a wrong token, and claims with the right one', async () => {
    const spec = partnerJob()
    service.enqueue([spec])
    const { stdout } = await promisify(execFile)('python3', ['-c', BOTO3_PARTNER], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        AWS_ACCESS_KEY_ID: WORKER_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: WORKER_CREDENTIALS.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_MAX_ATTEMPTS: '1',
        ENDPOINT: served.url,
        ACTION_TYPE: JSON.stringify(PARTNER_TYPE),
        CLIENT_TOKEN,
      },
    })
    expect(JSON.parse(stdout)).toEqual({ jobs: [{ clientId: CLIENT_ID, jobId: spec.id }], wrong: 'InvalidClientTokenException', status: 'InProgress' })
  })
})
