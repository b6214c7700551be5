import { AcknowledgeJobCommand, CodePipelineClient, InvalidNonceException, PollForJobsCommand, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService } from './fake-service.js'
import { interceptInProcess } from './intercept.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from './testing/job-spec-fixture.js'

let service: FakeService
let interception: { close(): void }

beforeEach(() => {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  interception = interceptInProcess(service.handlers)
})
afterEach(() => {
  interception.close()
  service.close()
})

describe('in-process interception', () => {
  it('answers an SDK client aimed at the real AWS endpoints, with no port opened', async () => {
    const client = new CodePipelineClient({ region: 'us-east-1', credentials: WORKER_CREDENTIALS, maxAttempts: 1 })
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const [job] = (await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))).jobs ?? []
    expect(job?.id).toBe(spec.id)
    await expect(client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: 'wrong' }))).rejects.toBeInstanceOf(InvalidNonceException)
    expect((await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))).status).toBe('InProgress')

    const input = spec.inputArtifacts[0]!
    const credentials = service.job(spec.id)!.artifactCredentials
    expect(job?.data?.artifactCredentials).toEqual(credentials)
    const s3 = new S3Client({ region: 'us-east-1', credentials, maxAttempts: 1 })
    const object = await s3.send(new GetObjectCommand({ Bucket: input.bucketName, Key: input.objectKey }))
    expect(await object.Body?.transformToString()).toBe('PK-input-zip')

    await client.send(new PutJobSuccessResultCommand({ jobId: spec.id }))
    expect(service.job(spec.id)?.status).toBe('Succeeded')
    expect(service.trace.entries().map((e) => `${e.service}:${e.operation}`)).toEqual([
      'codepipeline:PollForJobs',
      'codepipeline:AcknowledgeJob',
      'codepipeline:AcknowledgeJob',
      's3:GetObject',
      'codepipeline:PutJobSuccessResult',
    ])
    client.destroy()
    s3.destroy()
  })

  it('refuses a request the fake does not serve instead of letting it reach the network', async () => {
    await expect(fetch('https://example.invalid/anything')).rejects.toThrow()
  })
})
