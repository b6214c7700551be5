import { AcknowledgeJobCommand, CodePipelineClient, InvalidJobStateException, PollForJobsCommand, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService } from '../fake-service.js'
import { serveOnLoopback } from '../serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../testing/job-spec-fixture.js'

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
const clients: { destroy(): void }[] = []

beforeEach(async () => {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  served = await serveOnLoopback(service)
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  service.close()
  await served.close()
})

const codepipeline = (maxAttempts: number): CodePipelineClient => {
  const client = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS, maxAttempts })
  clients.push(client)
  return client
}
const rejection = async (promise: Promise<unknown>): Promise<Record<string, unknown>> => (await promise.then(() => ({ resolved: true }), (e: unknown) => e)) as Record<string, unknown>

/** Queues one job and claims it, as a worker would, returning its id. */
async function claimedJob(client: CodePipelineClient, faults: NonNullable<ReturnType<typeof jobSpecFixture>['faults']> = []): Promise<string> {
  const spec = jobSpecFixture({ faults })
  service.enqueue([spec])
  const polled = await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))
  expect(polled.jobs?.[0]?.id).toBe(spec.id)
  await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
  return spec.id
}

describe('fault injection, seen through the real JS SDK over loopback', () => {
  it('answers a 5xx burst longer than the SDK retries: each attempt recorded with its SDK invocation, then the call goes through', async () => {
    const client = codepipeline(3)
    const jobId = await claimedJob(client, [{ operations: ['PutJobSuccessResult', 'PutJobFailureResult'], steps: [{ kind: 'error', error: 'InternalFailure', times: 4 }] }])
    const send = () => client.send(new PutJobSuccessResultCommand({ jobId }))
    const first = await rejection(send())
    expect(first).toMatchObject({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500, attempts: 3 } })
    await send() // attempt 1 is the fourth fault, the SDK's own retry goes through
    expect(service.job(jobId)?.status).toBe('Succeeded')
    const results = service.trace.forJobs([jobId]).filter((e) => e.operation === 'PutJobSuccessResult')
    expect(results.map((e) => [e.response.status, e.fault, e.sdkAttempt?.attempt])).toEqual([
      [500, 'InternalFailure', 1],
      [500, 'InternalFailure', 2],
      [500, 'InternalFailure', 3],
      [500, 'InternalFailure', 1],
      [200, undefined, 2],
    ])
    expect(new Set(results.slice(0, 3).map((e) => e.sdkAttempt?.invocationId)).size).toBe(1)
    expect(results[3]?.sdkAttempt?.invocationId).not.toBe(results[0]?.sdkAttempt?.invocationId)
  })

  it('parses ThrottlingException and ServiceUnavailable into their classes, with their statuses', async () => {
    const client = codepipeline(1)
    service.injectFaults([
      {
        operations: ['PollForJobs'],
        steps: [
          { kind: 'error', error: 'ThrottlingException', times: 1 },
          { kind: 'error', error: 'ServiceUnavailable', times: 1 },
        ],
      },
    ])
    const poll = () => rejection(client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE })))
    expect(await poll()).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } })
    expect(await poll()).toMatchObject({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } })
    expect(await poll()).toEqual({ resolved: true })
  })

  it('applies a call whose response it drops: the client sees a closed connection, the retry InvalidJobStateException', async () => {
    const client = codepipeline(1)
    const jobId = await claimedJob(client, [{ operations: ['PutJobSuccessResult'], steps: [{ kind: 'drop-response', times: 1 }] }])
    const lost = await rejection(client.send(new PutJobSuccessResultCommand({ jobId })))
    expect(lost).not.toHaveProperty('resolved')
    expect(lost).not.toHaveProperty('$metadata.httpStatusCode')
    expect(service.job(jobId)?.status).toBe('Succeeded')
    expect(await rejection(client.send(new PutJobSuccessResultCommand({ jobId })))).toBeInstanceOf(InvalidJobStateException)
    const [dropped] = service.trace.forJobs([jobId]).filter((e) => e.operation === 'PutJobSuccessResult')
    expect(dropped).toMatchObject({ fault: 'drop-response', response: { status: 200 } })
  })

  it('resets a connection without applying the call, and the SDK retries it by itself', async () => {
    const client = codepipeline(3)
    const spec = jobSpecFixture({ faults: [{ operations: ['AcknowledgeJob'], steps: [{ kind: 'reset', times: 1 }] }] })
    service.enqueue([spec])
    await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))
    const ack = await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
    expect(ack.status).toBe('InProgress')
    expect(service.trace.forJobs([spec.id]).map((e) => [e.response.status, e.fault ?? ''])).toEqual([
      [0, 'reset'],
      [200, ''],
    ])
  })

  it('delays an answer, and keeps a time window of faults on polls, then answers faithfully', async () => {
    const client = codepipeline(1)
    service.injectFaults([{ operations: ['PollForJobs'], steps: [{ kind: 'delay', ms: 30, times: 1 }, { kind: 'error', error: 'ActionTypeNotFoundException', forMs: 200 }] }])
    await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))
    expect(await rejection(client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE })))).toMatchObject({ name: 'ActionTypeNotFoundException' })
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(await rejection(client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE })))).toEqual({ resolved: true })
    expect(service.trace.entries().map((e) => e.fault ?? '-')).toEqual(['delay 30 ms', 'ActionTypeNotFoundException', '-'])
  })

  it("plays S3 faults in S3's own words: SlowDown for throttling on a job's artifact", async () => {
    const client = codepipeline(1)
    const jobId = await claimedJob(client, [{ operations: ['GetObject'], steps: [{ kind: 'error', error: 'ThrottlingException', times: 1 }] }])
    const { artifactCredentials } = service.job(jobId)!
    const s3 = new S3Client({ region: 'us-east-1', endpoint: served.url, forcePathStyle: true, credentials: artifactCredentials, maxAttempts: 1 })
    clients.push(s3)
    const polled = service.trace.entries().find((e) => e.operation === 'PollForJobs')?.response.body as { jobs: { data: { inputArtifacts: { location: { s3Location: { bucketName: string; objectKey: string } } }[] } }[] }
    const location = polled.jobs[0]!.data.inputArtifacts[0]!.location.s3Location
    const key = { Bucket: location.bucketName, Key: location.objectKey }
    expect(await rejection(s3.send(new GetObjectCommand(key)))).toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } })
    expect((await s3.send(new GetObjectCommand(key))).$metadata.httpStatusCode).toBe(200)
  })
})
