import {
  AcknowledgeJobCommand,
  CodePipelineClient,
  GetJobDetailsCommand,
  InvalidJobStateException,
  InvalidNonceException,
  OutputVariablesSizeExceededException,
  PollForJobsCommand,
  PutJobSuccessResultCommand,
  ValidationException,
} from '@aws-sdk/client-codepipeline'
import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeService, type FakeService, type FakeServiceOptions } from './fake-service.js'
import type { JobLifeSettings } from './jobs/job-life-settings.js'
import type { JobSpec } from './jobs/job-spec.js'
import { serveOnLoopback } from './serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from './testing/job-spec-fixture.js'

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
let client: CodePipelineClient

async function start(life: Partial<JobLifeSettings> = {}, options: Partial<FakeServiceOptions> = {}): Promise<void> {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000, life, ...options })
  served = await serveOnLoopback(service)
  client = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS, maxAttempts: 1 })
}

afterEach(async () => {
  client.destroy()
  service.close()
  await served.close()
})

const poll = async () => (await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))).jobs ?? []
const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => new Error('the call succeeded'), (error: unknown) => error)
/** Polls until a poll hands out a job: each poll is the event awaited, the count bounds it. */
async function pollUntilHandedOut(attempts = 200) {
  for (let i = 0; i < attempts; i++) {
    const jobs = await poll()
    if (jobs.length > 0) return jobs
  }
  throw new Error(`no job was handed out in ${attempts} polls`)
}
async function claimed(spec: JobSpec) {
  service.enqueue([spec])
  const [job] = await poll()
  await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: job?.nonce }))
  return job
}

describe('job life in the fake, driven by @aws-sdk/client-codepipeline', () => {
  it('re-queues a dispatch left unacknowledged past redispatchAfterMs; the next dispatch has a new nonce and only it claims the job', async () => {
    await start({ redispatchAfterMs: 30 })
    const spec = jobSpecFixture({ nonces: ['first'] })
    service.enqueue([spec])
    const [first] = await poll()
    expect(first?.nonce).toBe('first')
    await vi.waitFor(() => expect(service.job(spec.id)?.status).toBe('Queued'))
    // The expired dispatch cannot be claimed, even with its own nonce.
    expect(await rejection(client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: 'first' })))).toBeInstanceOf(InvalidNonceException)
    // On a loaded machine a 30 ms window can lapse again before the claim: that dispatch is then a stale one too, and the next is the claim.
    let claimedWith: string | undefined
    for (let attempt = 0; attempt < 20 && claimedWith === undefined; attempt++) {
      const [again] = await pollUntilHandedOut()
      expect(again?.id).toBe(spec.id)
      expect(await rejection(client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: 'first' })))).toBeInstanceOf(InvalidNonceException)
      const answer = await client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: again!.nonce! })).catch((error: unknown) => error)
      if (answer instanceof InvalidNonceException) continue
      expect(answer).toMatchObject({ status: 'InProgress' })
      claimedWith = again!.nonce
    }
    const nonces = service.job(spec.id)?.dispatches.map((d) => d.nonce) ?? []
    expect(nonces.slice(0, 2)).toEqual(['first', '2'])
    expect(new Set(nonces).size).toBe(nonces.length)
    expect(claimedWith).toBe(nonces.at(-1))
  })

  it('makes unpredictable nonces with nonces=random once the planned ones run out', async () => {
    await start({ redispatchAfterMs: 1, nonces: 'random' })
    const spec = jobSpecFixture({ nonces: [] })
    service.enqueue([spec])
    const [job] = await poll()
    expect(job?.nonce).toMatch(/^[A-Za-z0-9_-]{16}$/)
  })

  it('times a job out after its own jobTimeoutMs; a result is then InvalidJobStateException', async () => {
    await start()
    const spec = jobSpecFixture({ life: { jobTimeoutMs: 20 } })
    await claimed(spec)
    await vi.waitFor(() => expect(service.job(spec.id)?.status).toBe('TimedOut'))
    const error = await rejection(client.send(new PutJobSuccessResultCommand({ jobId: spec.id })))
    expect(error).toBeInstanceOf(InvalidJobStateException)
    expect((error as Error).message).toBe(`Job ${spec.id} is in state TimedOut, which does not accept a result`)
  })

  it('abandons a job mid-work after abandonAfterMs: it accepts no result', async () => {
    await start()
    const spec = jobSpecFixture({ abandonAfterMs: 10 })
    await claimed(spec)
    await vi.waitFor(() => expect(service.job(spec.id)).toMatchObject({ status: 'Failed', abandoned: true }))
    expect(await rejection(client.send(new PutJobSuccessResultCommand({ jobId: spec.id })))).toBeInstanceOf(InvalidJobStateException)
  })

  it.each([
    ['status', 'Succeeded'],
    ['InvalidNonceException', InvalidNonceException],
    ['InvalidJobStateException', InvalidJobStateException],
  ] as const)('answers an acknowledgement of a finished job as finishedJobAck=%s says', async (setting, expected) => {
    await start({ finishedJobAck: setting })
    const spec = jobSpecFixture()
    const job = await claimed(spec)
    await client.send(new PutJobSuccessResultCommand({ jobId: spec.id }))
    const answer = client.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: job?.nonce }))
    if (typeof expected === 'string') expect((await answer).status).toBe(expected)
    else expect(await rejection(answer)).toBeInstanceOf(expected)
  })
})

describe('continuation', () => {
  it('completes the job and queues a new job of the same action execution carrying the token, with its own id, nonce and credentials', async () => {
    await start()
    const spec = jobSpecFixture()
    const first = await claimed(spec)
    await client.send(new PutJobSuccessResultCommand({ jobId: spec.id, continuationToken: 'step-2', executionDetails: { externalExecutionId: 'ext-1' } }))
    expect(service.job(spec.id)?.status).toBe('Succeeded')
    const [next] = await poll()
    expect(next?.id).not.toBe(spec.id)
    expect(next).toMatchObject({ nonce: '1', data: { continuationToken: 'step-2', pipelineContext: { action: { actionExecutionId: spec.pipelineContext.action.actionExecutionId } } } })
    expect(next?.data?.artifactCredentials?.accessKeyId).not.toBe(first?.data?.artifactCredentials?.accessKeyId)
    expect(service.job(next?.id ?? '')).toMatchObject({ continuationOf: spec.id })
    expect(service.job(spec.id)).toMatchObject({ continuedBy: next?.id })
    await client.send(new AcknowledgeJobCommand({ jobId: next?.id, nonce: '1' }))
    await client.send(new PutJobSuccessResultCommand({ jobId: next?.id, outputVariables: { Result: 'done' } }))
    expect(service.chainOf(spec.id)).toEqual([spec.id, next?.id])
    expect(service.job(next?.id ?? '')?.status).toBe('Succeeded')
  })

  it('queues the continuation job only after continuationDelayMs, and settle() waits for the whole chain', async () => {
    // Long enough that the poll right after the result lands inside it even on a loaded machine.
    await start({ continuationDelayMs: 1000 })
    const spec = jobSpecFixture()
    await claimed(spec)
    await client.send(new PutJobSuccessResultCommand({ jobId: spec.id, continuationToken: 't' }))
    expect(await poll()).toEqual([])
    expect(service.chainOf(spec.id)).toEqual([spec.id])
    const settled = service.settle([spec.id], { deadlineMs: 20_000 })
    // The continuation job joins the chain when the delay ends: that is the event to await, not a count of polls.
    await vi.waitFor(() => expect(service.chainOf(spec.id)).toHaveLength(2), { timeout: 10_000, interval: 20 })
    const [next] = await pollUntilHandedOut()
    await client.send(new AcknowledgeJobCommand({ jobId: next?.id, nonce: next?.nonce }))
    await client.send(new PutJobSuccessResultCommand({ jobId: next?.id }))
    await poll()
    await poll()
    expect(await settled).toEqual([{ jobId: spec.id, status: 'Succeeded', settledBy: 'quiescent', continuations: [{ jobId: next?.id, status: 'Succeeded' }] }])
  })
})

describe('output variables on PutJobSuccessResult', () => {
  it('refuses them beside a continuation token with ValidationException, in the model documentation words', async () => {
    await start()
    const spec = jobSpecFixture()
    await claimed(spec)
    const error = await rejection(client.send(new PutJobSuccessResultCommand({ jobId: spec.id, continuationToken: 't', outputVariables: { A: 'b' } })))
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as Error).message).toBe('outputVariables can be included only when there is no continuation token on the request.')
    expect(service.job(spec.id)?.status).toBe('InProgress')
  })

  it('refuses a key outside [A-Za-z0-9@\\-_]+ with the model validation message', async () => {
    await start()
    const spec = jobSpecFixture()
    await claimed(spec)
    const error = await rejection(client.send(new PutJobSuccessResultCommand({ jobId: spec.id, outputVariables: { 'not ok': 'b' } })))
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as Error).message).toBe(
      "1 validation error detected: Value at 'outputVariables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9@\\-_]+]",
    )
  })

  it('accepts exactly 122,880 bytes and answers OutputVariablesSizeExceededException one byte over', async () => {
    await start()
    const fits = jobSpecFixture()
    await claimed(fits)
    await client.send(new PutJobSuccessResultCommand({ jobId: fits.id, outputVariables: { K: 'v'.repeat(122_879) } }))
    const over = jobSpecFixture()
    await claimed(over)
    const error = await rejection(client.send(new PutJobSuccessResultCommand({ jobId: over.id, outputVariables: { K: 'v'.repeat(122_880) } })))
    expect(error).toBeInstanceOf(OutputVariablesSizeExceededException)
    expect((error as Error).message).toBe('Exceeded the total size limit for all variables in the pipeline: 122881 bytes of output variables, limit 122880.')
    expect(service.job(over.id)?.status).toBe('InProgress')
  })
})

describe('artifact credentials', () => {
  const s3With = (credentials: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string } | undefined) =>
    new S3Client({
      region: 'us-east-1',
      endpoint: served.url,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: credentials?.accessKeyId ?? '', secretAccessKey: credentials?.secretAccessKey ?? '', sessionToken: credentials?.sessionToken ?? '' },
    })
  const read = async (s3: S3Client, spec: JobSpec) => {
    const input = spec.inputArtifacts[0]!
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: input.bucketName, Key: input.objectKey }))
      return await object.Body?.transformToString()
    } finally {
      s3.destroy()
    }
  }

  it('issues fresh credentials on every GetJobDetails; the earlier ones stay valid until they expire', async () => {
    await start()
    const spec = jobSpecFixture()
    const job = await claimed(spec)
    const details = await client.send(new GetJobDetailsCommand({ jobId: spec.id }))
    const fresh = details.jobDetails?.data?.artifactCredentials
    expect(fresh?.accessKeyId).not.toBe(job?.data?.artifactCredentials?.accessKeyId)
    expect(await read(s3With(fresh), spec)).toBe('PK-input-zip')
    expect(await read(s3With(job?.data?.artifactCredentials), spec)).toBe('PK-input-zip')
  })

  it('answers ExpiredToken for credentials past credentialLifetimeMs', async () => {
    await start({ credentialLifetimeMs: 0 })
    const spec = jobSpecFixture()
    const job = await claimed(spec)
    const error = await rejection(read(s3With(job?.data?.artifactCredentials), spec))
    expect(error).toBeInstanceOf(S3ServiceException)
    expect(error).toMatchObject({ name: 'ExpiredToken', message: 'The provided token has expired.', $metadata: { httpStatusCode: 400 } })
  })

  it("with credentialsAtDispatch 'expired', refuses the dispatch's credentials and accepts those GetJobDetails hands out", async () => {
    await start()
    const spec = jobSpecFixture({ credentialsAtDispatch: 'expired' })
    const job = await claimed(spec)
    expect(await rejection(read(s3With(job?.data?.artifactCredentials), spec))).toMatchObject({ name: 'ExpiredToken' })
    const details = await client.send(new GetJobDetailsCommand({ jobId: spec.id }))
    expect(await read(s3With(details.jobDetails?.data?.artifactCredentials), spec)).toBe('PK-input-zip')
    expect(service.trace.forJobs([spec.id]).filter((e) => e.service === 's3').map((e) => `${e.operation} ${e.response.status} ${e.response.errorType ?? ''}`)).toEqual([
      'GetObject 400 ExpiredToken',
      'GetObject 200 ',
    ])
  })
})

describe('action timeout', () => {
  it('queues no continuation requested after actionTimeoutMs: the action ends there', async () => {
    await start({ actionTimeoutMs: 0 })
    const spec = jobSpecFixture()
    await claimed(spec)
    await client.send(new PutJobSuccessResultCommand({ jobId: spec.id, continuationToken: 'never-followed' }))
    expect(service.job(spec.id)).toMatchObject({ status: 'Succeeded', actionTimedOut: true })
    expect(await poll()).toEqual([])
    expect(service.chainOf(spec.id)).toEqual([spec.id])
  })
})
