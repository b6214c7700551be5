import { AcknowledgeJobCommand, CodePipelineClient, PollForJobsCommand } from '@aws-sdk/client-codepipeline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import { serveFake } from './serve-fake.js'

const ACTION = { category: 'Build', owner: 'Custom', provider: 'ServeFaults', version: '1' } as const
let fake: Awaited<ReturnType<typeof serveFake>>
let client: CodePipelineClient

beforeEach(async () => {
  fake = await serveFake({ actionType: ACTION, region: 'us-east-1', jobTimeoutMs: 60_000 })
  client = new CodePipelineClient({ region: 'us-east-1', endpoint: fake.endpoint, credentials: fake.credentials, maxAttempts: 1 })
})
afterEach(async () => {
  client.destroy()
  await fake.close()
})

const control = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(`${fake.control.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${fake.control.token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  return { status: response.status, body: await response.json() }
}

describe('conform serve: fault scripts through the control endpoint', () => {
  it('arms a script on polls with POST /faults and a job-bound one with POST /jobs, both recorded in the trace', async () => {
    expect((await control('POST', '/faults', { operations: ['PollForJobs'], steps: [{ kind: 'error', error: 'ThrottlingException', times: 1 }] })).status).toBe(200)
    const throttled = await client.send(new PollForJobsCommand({ actionTypeId: ACTION })).catch((e: unknown) => e)
    expect(throttled).toMatchObject({ name: 'ThrottlingException' })

    const queued = await control('POST', '/jobs', { faults: [{ operations: ['AcknowledgeJob'], steps: [{ kind: 'error', error: 'InternalFailure', times: 1 }] }] })
    const [job] = (queued.body as { jobs: { id: string }[] }).jobs
    const polled = await client.send(new PollForJobsCommand({ actionTypeId: ACTION }))
    expect(polled.jobs?.[0]?.id).toBe(job?.id)
    const trace = (await control('GET', '/trace')).body as TraceEntry[]
    expect(trace.map((entry) => [entry.operation, entry.fault ?? ''])).toEqual([
      ['PollForJobs', 'ThrottlingException'],
      ['PollForJobs', ''],
    ])
  })

  it('refuses a bad script with every problem named, arming nothing', async () => {
    const refused = await control('POST', '/faults', [{ operations: ['PollForJobs'], steps: [{ kind: 'reset', times: 1 }] }, { operations: ['PollForJobs'], steps: [{ kind: 'explode' }] }])
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ error: 'fault script 2: steps[0] needs exactly one of "times" or "forMs"; fault script 2: steps[0].kind must be error, delay, drop-response or reset' })
    expect((await client.send(new PollForJobsCommand({ actionTypeId: ACTION }))).jobs).toEqual([])
  })
})

describe('conform serve: replicas racing by hand', () => {
  it('mints another worker identity with POST /replicas and queues a raced job with "race"', async () => {
    const replica = (await control('POST', '/replicas')).body as { accessKeyId: string; secretAccessKey: string }
    const second = new CodePipelineClient({ region: 'us-east-1', endpoint: fake.endpoint, credentials: replica, maxAttempts: 1 })
    const [job] = ((await control('POST', '/jobs', { race: 2 })).body as { jobs: { id: string }[] }).jobs
    const [mine] = (await client.send(new PollForJobsCommand({ actionTypeId: ACTION }))).jobs ?? []
    await client.send(new AcknowledgeJobCommand({ jobId: mine?.id, nonce: mine?.nonce }))
    const [theirs] = (await second.send(new PollForJobsCommand({ actionTypeId: ACTION }))).jobs ?? []
    second.destroy()
    expect([mine?.id, theirs?.id, theirs?.nonce]).toEqual([job?.id, job?.id, mine?.nonce])
    const trace = (await control('GET', '/trace')).body as TraceEntry[]
    expect(trace.map((entry) => [entry.operation, entry.accessKeyId === replica.accessKeyId, entry.signer])).toEqual([
      ['PollForJobs', false, 'worker'],
      ['AcknowledgeJob', false, 'worker'],
      ['PollForJobs', true, 'worker'],
    ])
    expect(await control('POST', '/jobs', { race: 1 })).toEqual({ status: 400, body: { error: 'race must be a whole number from 2 to 10 (the polls one dispatch reaches)' } })
  })
})

describe('conform serve: control calls that name nothing', () => {
  it('answers 404 for a job it does not know, and 200 with the job for one it queued', async () => {
    expect(await control('GET', '/jobs/no-such-job')).toEqual({ status: 404, body: { error: 'no job no-such-job (queued jobs are kept until 1,000 newer ones have finished)' } })
    const [job] = ((await control('POST', '/jobs', {})).body as { jobs: { id: string }[] }).jobs
    expect(await control('GET', `/jobs/${job?.id}`)).toMatchObject({ status: 200, body: { id: job?.id, status: 'Queued' } })
    expect(await control('GET', '/jobs/%E0')).toEqual({ status: 400, body: { error: 'the path /jobs/%E0 is not valid percent-encoding' } })
  })
})
