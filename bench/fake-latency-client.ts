/**
 * The client side of bench/fake-latency.ts, in its own process: the JS SDK
 * making one kind of call in a loop, timing each round trip.
 * Env: ENDPOINT, OPERATION (PollForJobs | AcknowledgeJob | ListPipelines),
 * CALLS, JOB_ID and NONCE for AcknowledgeJob, IN_PROCESS=1 to serve the fake
 * here through MSW instead (the in-process transport). Prints one JSON line.
 */
import { AcknowledgeJobCommand, CodePipelineClient, ListPipelinesCommand, PollForJobsCommand } from '@aws-sdk/client-codepipeline'
import { setupServer } from 'msw/node'
import { createFakeService } from '../src/service/fake-service.js'
import { TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../src/service/testing/job-spec-fixture.js'

const calls = Number(process.env.CALLS ?? '2000')
const operation = process.env.OPERATION ?? 'PollForJobs'
let endpoint = process.env.ENDPOINT ?? 'https://codepipeline.us-east-1.amazonaws.com'
if (process.env.IN_PROCESS === '1') {
  const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  setupServer(...service.handlers).listen({ onUnhandledRequest: 'error' })
  endpoint = 'https://codepipeline.us-east-1.amazonaws.com'
}
const client = new CodePipelineClient({ region: 'us-east-1', endpoint, credentials: WORKER_CREDENTIALS, maxAttempts: 1 })
const command = () =>
  operation === 'AcknowledgeJob'
    ? new AcknowledgeJobCommand({ jobId: process.env.JOB_ID, nonce: process.env.NONCE })
    : operation === 'ListPipelines'
      ? new ListPipelinesCommand({})
      : new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 1 })

for (let i = 0; i < Math.min(200, calls / 5); i++) await client.send(command() as never)
const times: number[] = []
const started = performance.now()
for (let i = 0; i < calls; i++) {
  const t = performance.now()
  await client.send(command() as never)
  times.push(performance.now() - t)
}
const elapsed = performance.now() - started
times.sort((a, b) => a - b)
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number
process.stdout.write(`${JSON.stringify({ p50: at(0.5), p99: at(0.99), perSecond: (calls / elapsed) * 1000 })}\n`)
client.destroy()
process.exit(0)
