import { AcknowledgeJobCommand, CodePipelineClient, InvalidNonceException, PollForJobsCommand, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeService, type FakeService } from './fake-service.js'
import { serveOnLoopback } from './serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from './testing/job-spec-fixture.js'

const REPLICA_CREDENTIALS = { accessKeyId: 'AKIAREPLICATESTKEY02', secretAccessKey: 'replica-secret-access-key-for-tests-0000' }

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
let first: CodePipelineClient
let second: CodePipelineClient

beforeEach(async () => {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  service.addWorkerCredentials(REPLICA_CREDENTIALS)
  served = await serveOnLoopback(service.handlers)
  first = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS, maxAttempts: 1 })
  second = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: REPLICA_CREDENTIALS, maxAttempts: 1 })
})

afterEach(async () => {
  first.destroy()
  second.destroy()
  service.close()
  await served.close()
})

const poll = async (client: CodePipelineClient) => (await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))).jobs ?? []
const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => new Error('the call succeeded'), (error: unknown) => error)

describe('a raced dispatch (JobSpec.race): one dispatch handed to several polls', () => {
  it('hands the same nonce to the next poll once the dispatch is claimed, with its own artifact credentials; the later claim is refused', async () => {
    const spec = jobSpecFixture({ race: { polls: 2 } })
    service.enqueue([spec])
    const [mine] = await poll(first)
    // Not claimed yet: nothing to hand out again.
    expect(await poll(second)).toEqual([])
    const claim = await first.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: mine?.nonce }))
    expect(claim.status).toBe('InProgress')
    const [theirs] = await poll(second)
    expect(theirs?.id).toBe(spec.id)
    expect(theirs?.nonce).toBe(mine?.nonce)
    expect(theirs?.data?.artifactCredentials?.accessKeyId).not.toBe(mine?.data?.artifactCredentials?.accessKeyId)
    expect(await poll(second)).toEqual([])
    expect(await rejection(second.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: theirs?.nonce })))).toBeInstanceOf(InvalidNonceException)
    // The claimant's own repeat is refused alike: the service cannot tell who acknowledges.
    expect(await rejection(first.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: mine?.nonce })))).toBeInstanceOf(InvalidNonceException)

    // Both answers' credentials open the job's artifacts: the fake tells the polls apart, S3 does not.
    for (const job of [mine, theirs]) {
      const credentials = job?.data?.artifactCredentials
      const s3 = new S3Client({ region: 'us-east-1', endpoint: served.url, forcePathStyle: true, credentials: { accessKeyId: credentials?.accessKeyId ?? '', secretAccessKey: credentials?.secretAccessKey ?? '', sessionToken: credentials?.sessionToken ?? '' } })
      const input = spec.inputArtifacts[0]
      const object = await s3.send(new GetObjectCommand({ Bucket: input?.bucketName, Key: input?.objectKey }))
      expect(object.$metadata.httpStatusCode).toBe(200)
      s3.destroy()
    }
    await first.send(new PutJobSuccessResultCommand({ jobId: spec.id }))
    const signers = service.trace.entries().filter((e) => e.operation === 'PollForJobs').map((e) => [e.accessKeyId, e.signer])
    expect(signers).toEqual([
      [WORKER_CREDENTIALS.accessKeyId, 'worker'],
      [REPLICA_CREDENTIALS.accessKeyId, 'worker'],
      [REPLICA_CREDENTIALS.accessKeyId, 'worker'],
      [REPLICA_CREDENTIALS.accessKeyId, 'worker'],
    ])
  })

  it('hands the dispatch to up to `polls` polls in all, whoever sends them, and stops once the job is finished', async () => {
    const spec = jobSpecFixture({ race: { polls: 3 } })
    service.enqueue([spec])
    const [mine] = await poll(first)
    await first.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: mine?.nonce }))
    const [late] = await poll(second)
    expect(late?.nonce).toBe(mine?.nonce)
    await first.send(new PutJobSuccessResultCommand({ jobId: spec.id }))
    expect(await poll(second)).toEqual([])
    const again = jobSpecFixture({ race: { polls: 3 } })
    service.enqueue([again])
    const [claimed] = await poll(first)
    await first.send(new AcknowledgeJobCommand({ jobId: again.id, nonce: claimed?.nonce }))
    expect([(await poll(second)).length, (await poll(second)).length, (await poll(first)).length]).toEqual([1, 1, 0])
    expect(service.job(spec.id)?.status).toBe('Succeeded')
  })

  it('hands an ordinary job to one poll only', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    expect((await poll(first)).map((job) => job.id)).toEqual([spec.id])
    expect(await poll(second)).toEqual([])
  })

  it("settles a job on its own instance's polls: another replica polling says nothing about whether the one handed the job has moved on", async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    await poll(first)
    const settled = service.settle([spec.id], { deadlineMs: 60_000 })
    let done = false
    void settled.then(() => (done = true))
    for (let i = 0; i < 4; i++) await poll(second)
    expect(done).toBe(false)
    await poll(first)
    await poll(first)
    expect(await settled).toEqual([{ jobId: spec.id, status: 'Dispatched', settledBy: 'quiescent' }])
  })

  it("holds the winning claim's answer until the dispatch has reached its other polls (race.holdMs at most), the claim applied at once", async () => {
    const spec = jobSpecFixture({ race: { polls: 2, holdMs: 60_000 } })
    service.enqueue([spec])
    const [mine] = await poll(first)
    let answered = false
    const claim = first.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: mine?.nonce })).then((answer) => {
      answered = true
      return answer
    })
    await vi.waitFor(() => expect(service.job(spec.id)?.status).toBe('InProgress'), { timeout: 10_000 })
    expect(answered).toBe(false)
    expect((await poll(second)).map((job) => job.id)).toEqual([spec.id])
    expect((await claim).status).toBe('InProgress')
  })

  it('answers the claim at holdMs when no other poll comes', async () => {
    const spec = jobSpecFixture({ race: { polls: 3, holdMs: 50 } })
    service.enqueue([spec])
    const [mine] = await poll(first)
    expect((await first.send(new AcknowledgeJobCommand({ jobId: spec.id, nonce: mine?.nonce }))).status).toBe('InProgress')
  })
})
