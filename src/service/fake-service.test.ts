import {
  AcknowledgeJobCommand,
  CodePipelineClient,
  GetJobDetailsCommand,
  InvalidJobStateException,
  InvalidNonceException,
  JobNotFoundException,
  PollForJobsCommand,
  PutJobFailureResultCommand,
  PutJobSuccessResultCommand,
  ValidationException,
} from '@aws-sdk/client-codepipeline'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeService, type FakeService, type FakeServiceOptions } from './fake-service.js'
import { serveOnLoopback } from './serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from './testing/job-spec-fixture.js'
import { codePipelineHeaders, signedRequest } from './testing/sign-request.js'

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
let client: CodePipelineClient

async function start(options: Partial<FakeServiceOptions> = {}): Promise<void> {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000, ...options })
  served = await serveOnLoopback(service)
  client = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS, maxAttempts: 1 })
}

beforeEach(async () => start())
afterEach(async () => {
  client.destroy()
  service.close()
  await served.close()
})

const poll = async () => (await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))).jobs ?? []

describe('the fake CodePipeline, driven by @aws-sdk/client-codepipeline over loopback', () => {
  it('hands out a queued job, accepts its acknowledgement and its success result', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const [job] = await poll()
    expect(job).toMatchObject({
      id: spec.id,
      nonce: '1',
      accountId: '111122223333',
      data: {
        actionTypeId: TEST_ACTION_TYPE,
        actionConfiguration: { configuration: { ProjectName: 'demo' } },
        inputArtifacts: [{ name: 'SourceOutput', location: { type: 'S3', s3Location: { bucketName: 'artifact-bucket', objectKey: spec.inputArtifacts[0]?.objectKey } } }],
      },
    })
    expect(job?.data?.artifactCredentials?.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(job?.data?.artifactCredentials?.secretAccessKey).toHaveLength(40)
    expect(service.job(spec.id)?.status).toBe('Dispatched')

    const ack = await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
    expect(ack.status).toBe('InProgress')
    const again = await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
    expect(again.status).toBe('InProgress')

    const details = await client.send(new GetJobDetailsCommand({ jobId: spec.id }))
    expect(details.jobDetails?.id).toBe(spec.id)
    expect(details.jobDetails).not.toHaveProperty('nonce')

    await client.send(new PutJobSuccessResultCommand({ jobId: spec.id, executionDetails: { summary: 'built', percentComplete: 100 } }))
    expect(service.job(spec.id)).toMatchObject({ status: 'Succeeded', dispatches: [{ nonce: '1' }] })

    const trace = service.trace.forJobs([spec.id]).map((e) => `${e.operation} ${e.response.status}`)
    expect(trace).toEqual(['AcknowledgeJob 200', 'AcknowledgeJob 200', 'GetJobDetails 200', 'PutJobSuccessResult 200'])
    expect(service.trace.entries()[0]).toMatchObject({
      seq: 1,
      service: 'codepipeline',
      operation: 'PollForJobs',
      accessKeyId: WORKER_CREDENTIALS.accessKeyId,
      signer: 'worker',
      signatureValid: true,
    })
  })

  it('returns jobs of exactly the polled type, oldest first, up to maxBatchSize', async () => {
    const specs = [jobSpecFixture(), jobSpecFixture(), jobSpecFixture()]
    service.enqueue(specs)
    const jobs = (await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 2 }))).jobs ?? []
    expect(jobs.map((j) => j.id)).toEqual([specs[0]?.id, specs[1]?.id])
    expect((await poll()).map((j) => j.id)).toEqual([specs[2]?.id])
    expect(await poll()).toEqual([])
    const creds = new Set(specs.map((s) => service.job(s.id)?.artifactCredentials.accessKeyId))
    expect(creds.size).toBe(3)
  })

  it('raises ActionTypeNotFoundException for a type it does not serve, ValidationException for a malformed one', async () => {
    await expect(client.send(new PollForJobsCommand({ actionTypeId: { ...TEST_ACTION_TYPE, provider: 'Other' } }))).rejects.toMatchObject({
      name: 'ActionTypeNotFoundException',
      $metadata: { httpStatusCode: 400 },
    })
    const error = await client.send(new PollForJobsCommand({ actionTypeId: { ...TEST_ACTION_TYPE, provider: 'bad provider!' }, maxBatchSize: 0 })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as Error).message).toBe(
      "2 validation errors detected: Value 'bad provider!' at 'actionTypeId.provider' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9A-Za-z_-]+; " +
        "Value '0' at 'maxBatchSize' failed to satisfy constraint: Member must have value greater than or equal to 1",
    )
  })

  it('answers InvalidNonceException for a stolen job, whatever the nonce, and still accepts a result for it', async () => {
    const spec = jobSpecFixture({ behaviour: { kind: 'stolen' } })
    service.enqueue([spec])
    await poll()
    const error = await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidNonceException)
    expect(service.job(spec.id)?.status).toBe('InProgress')
    await client.send(new PutJobFailureResultCommand({ jobId: spec.id, failureDetails: { type: 'JobFailed', message: 'lost the race' } }))
    expect(service.job(spec.id)?.status).toBe('Failed')
  })

  it('answers InvalidNonceException for a nonce other than the latest dispatch', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    await poll()
    const error = await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '2' })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidNonceException)
    expect(service.trace.forJobs([spec.id])[0]?.response).toMatchObject({ status: 400, errorType: 'InvalidNonceException' })
    expect(service.job(spec.id)?.status).toBe('Dispatched')
  })

  it("rejects a 5001-character failure message with AWS's validation message", async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    await poll()
    await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
    const error = await client
      .send(new PutJobFailureResultCommand({ jobId: spec.id, failureDetails: { type: 'JobFailed', message: 'x'.repeat(5001) } }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as Error).message).toBe(
      "1 validation error detected: Value at 'failureDetails.message' failed to satisfy constraint: Member must have length less than or equal to 5000",
    )
    expect(service.job(spec.id)?.status).toBe('InProgress')
  })

  it('answers InvalidJobStateException to a second result, and to a result for a job never acknowledged', async () => {
    const [done, unclaimed] = [jobSpecFixture(), jobSpecFixture()]
    service.enqueue([done, unclaimed])
    await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 2 }))
    await client.send(new AcknowledgeJobCommand({ jobId: done.id, nonce: '1' }))
    await client.send(new PutJobSuccessResultCommand({ jobId: done.id }))
    await expect(client.send(new PutJobSuccessResultCommand({ jobId: done.id }))).rejects.toBeInstanceOf(InvalidJobStateException)
    await expect(
      client.send(new PutJobFailureResultCommand({ jobId: unclaimed.id, failureDetails: { type: 'JobFailed', message: 'no' } })),
    ).rejects.toBeInstanceOf(InvalidJobStateException)
  })

  it('refuses output variables sent with a continuation token, a rule the model states only in its documentation', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    await poll()
    await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
    const error = await client
      .send(new PutJobSuccessResultCommand({ jobId: spec.id, continuationToken: 'later', outputVariables: { Result: 'ok' } }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as Error).message).toBe('outputVariables can be included only when there is no continuation token on the request.')
    expect(service.job(spec.id)?.status).toBe('InProgress')
  })

  it('answers JobNotFoundException for an unknown job id', async () => {
    const id = '00000000-0000-4000-8000-000000000000'
    await expect(client.send(new AcknowledgeJobCommand({ jobId: id, nonce: '1' }))).rejects.toBeInstanceOf(JobNotFoundException)
    await expect(client.send(new GetJobDetailsCommand({ jobId: id }))).rejects.toBeInstanceOf(JobNotFoundException)
    await expect(client.send(new PutJobSuccessResultCommand({ jobId: id }))).rejects.toBeInstanceOf(JobNotFoundException)
  })

  it('answers an ack-status job with that status and puts the job in it', async () => {
    const spec = jobSpecFixture({ behaviour: { kind: 'ack-status', status: 'TimedOut' } })
    service.enqueue([spec])
    await poll()
    expect((await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))).status).toBe('TimedOut')
    expect(service.job(spec.id)?.status).toBe('TimedOut')
    await expect(client.send(new PutJobSuccessResultCommand({ jobId: spec.id }))).rejects.toBeInstanceOf(InvalidJobStateException)
  })

  it('re-offers an ack-status Queued job with the next nonce', async () => {
    const spec = jobSpecFixture({ behaviour: { kind: 'ack-status', status: 'Queued' } })
    service.enqueue([spec])
    await poll()
    expect((await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))).status).toBe('Queued')
    const [again] = await poll()
    expect(again?.nonce).toBe('2')
    expect((await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '2' }))).status).toBe('InProgress')
  })

  it('withdraws the jobs nobody holds (queued, or dispatched and unacknowledged), never the one in a worker\'s hands', async () => {
    const [queued, dispatched, held] = [jobSpecFixture(), jobSpecFixture(), jobSpecFixture()]
    service.enqueue([held, dispatched])
    const [first] = await poll()
    await client.send(new AcknowledgeJobCommand({ jobId: held.id, nonce: first?.nonce ?? '' }))
    await poll()
    service.enqueue([queued])
    service.withdraw([queued.id, dispatched.id, held.id])
    expect([queued, dispatched, held].map((spec) => service.job(spec.id)?.status)).toEqual(['Failed', 'Failed', 'InProgress'])
    expect(await poll()).toEqual([])
    expect((await client.send(new AcknowledgeJobCommand({ jobId: dispatched.id, nonce: '1' }))).status).toBe('Failed')
  })

  it('times out a job left InProgress longer than jobTimeoutMs', async () => {
    await served.close()
    service.close()
    await start({ jobTimeoutMs: 20, quiescentPolls: 0 })
    const spec = jobSpecFixture()
    service.enqueue([spec])
    await poll()
    await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
    const [outcome] = await service.settle([spec.id], { deadlineMs: 30_000 })
    expect(outcome).toEqual({ jobId: spec.id, status: 'TimedOut', settledBy: 'quiescent' })
    await expect(client.send(new PutJobSuccessResultCommand({ jobId: spec.id }))).rejects.toBeInstanceOf(InvalidJobStateException)
  })

  it('records unknown operations and malformed bodies in the trace', async () => {
    const signed = (operation: string, body: string) =>
      signedRequest(served.url, { method: 'POST', headers: codePipelineHeaders(operation), body }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 'codepipeline' })
    const unknown = await fetch(await signed('ListPipelines', '{}'))
    expect(unknown.status).toBe(400)
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    expect(unknown.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    const malformed = await fetch(await signed('PollForJobs', '{nope'))
    expect(await malformed.json()).toEqual({ __type: 'SerializationException', message: 'Request body is not valid JSON' })
    expect(service.trace.entries().map((e) => [e.operation, e.response.errorType])).toEqual([
      ['ListPipelines', 'UnknownOperationException'],
      ['PollForJobs', 'SerializationException'],
    ])
  })
})

describe('answer holds', () => {
  it('holds the answer to a recorded call until the listener that asked releases it (a planned stop lets its signal arrive first)', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    service.trace.subscribe((entry) => {
      if (entry.operation === 'PollForJobs') service.trace.holdAnswer(entry, held)
    })
    let answered = false
    const polling = poll().then(() => (answered = true))
    await vi.waitFor(() => expect(service.trace.recorded).toBe(1), { timeout: 10_000 })
    // The call is recorded; its answer has not left while the hold stands.
    await new Promise((resolve) => setImmediate(resolve))
    expect(answered).toBe(false)
    release()
    await polling
    expect(answered).toBe(true)
  })
})

describe('settle()', () => {
  it('settles a finished job once the worker has polled twice more', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const settled = service.settle([spec.id], { deadlineMs: 30_000 })
    await poll()
    await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
    await client.send(new PutJobSuccessResultCommand({ jobId: spec.id }))
    await poll()
    await poll()
    expect(await settled).toEqual([{ jobId: spec.id, status: 'Succeeded', settledBy: 'quiescent' }])
  })

  it('settles a refused acknowledgement and a dispatched-but-unclaimed job after the quiescent polls', async () => {
    const [stolen, ignored] = [jobSpecFixture({ behaviour: { kind: 'stolen' } }), jobSpecFixture()]
    service.enqueue([stolen, ignored])
    const settled = service.settle([stolen.id, ignored.id], { deadlineMs: 30_000 })
    await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 2 }))
    await client.send(new AcknowledgeJobCommand({ jobId: stolen.id, nonce: '1' })).catch(() => undefined)
    await poll()
    await poll()
    expect(await settled).toEqual([
      { jobId: stolen.id, status: 'InProgress', settledBy: 'quiescent' },
      { jobId: ignored.id, status: 'Dispatched', settledBy: 'quiescent' },
    ])
  })

  it('settles a job whose result the service refused once the worker has moved on, still InProgress', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const settled = service.settle([spec.id], { deadlineMs: 30_000 })
    await poll()
    await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: '1' }))
    const refused = client.send(new PutJobFailureResultCommand({ jobId: spec.id, failureDetails: { type: 'Error' as never, message: 'x' } }))
    await expect(refused).rejects.toBeInstanceOf(ValidationException)
    await poll()
    await poll()
    expect(await settled).toEqual([{ jobId: spec.id, status: 'InProgress', settledBy: 'quiescent' }])
  })

  it("marks a job still in the worker's hands at the deadline, and one never polled as never-dispatched", async () => {
    const [held, unpolled] = [jobSpecFixture(), jobSpecFixture({ actionTypeId: { ...TEST_ACTION_TYPE, provider: 'Elsewhere' } })]
    service.enqueue([held, unpolled])
    await poll()
    await client.send(new AcknowledgeJobCommand({ jobId: held.id, nonce: '1' }))
    await poll()
    await poll()
    expect(await service.settle([held.id, unpolled.id], { deadlineMs: 20 })).toEqual([
      { jobId: held.id, status: 'InProgress', settledBy: 'deadline' },
      { jobId: unpolled.id, status: 'Queued', settledBy: 'never-dispatched' },
    ])
  })

  it('settles a job the worker keeps passing over (its polls ask for another version) as never-dispatched, before the deadline', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const settled = service.settle([spec.id], { deadlineMs: 60_000 })
    const stale = { ...TEST_ACTION_TYPE, version: '0' }
    for (let i = 0; i < 5; i++) await client.send(new PollForJobsCommand({ actionTypeId: stale })).catch(() => undefined)
    expect(await settled).toEqual([{ jobId: spec.id, status: 'Queued', settledBy: 'never-dispatched' }])
  })

  it('does not count polls refused by an injected fault as passing a job over: the job is handed out once the fault ends', async () => {
    const spec = jobSpecFixture()
    service.injectFaults([{ operations: ['PollForJobs'], steps: [{ kind: 'error', error: 'ThrottlingException', times: 6 }] }])
    service.enqueue([spec])
    const settled = service.settle([spec.id], { deadlineMs: 60_000 })
    for (let i = 0; i < 6; i++) await expect(poll()).rejects.toThrow()
    const [job] = await poll()
    expect(job?.id).toBe(spec.id)
    await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: job?.nonce }))
    await client.send(new PutJobSuccessResultCommand({ jobId: spec.id }))
    await poll()
    await poll()
    expect(await settled).toEqual([{ jobId: spec.id, status: 'Succeeded', settledBy: 'quiescent' }])
  })

  it('resolves pending settles when the service closes', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const settled = service.settle([spec.id], { deadlineMs: 60_000 })
    service.close()
    expect(await settled).toEqual([{ jobId: spec.id, status: 'Queued', settledBy: 'never-dispatched' }])
  })
})
