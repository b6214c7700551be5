/**
 * How much does conform cost per scenario, against what the protocol itself costs?
 *
 * baseline: one job pushed through the fake on loopback by an in-process SDK
 *           client doing the happy path (poll, acknowledge, read the input,
 *           report success): no worker process, no settling, no Vitest.
 * measured: conform's whole pipeline on the reference worker (RESULT-001 only),
 *           per scenario played, in process mode and in in-process mode (the
 *           same worker loop, same poll interval), whole-run time beside it.
 *
 * Both are measured in the same run; the ratio is what to compare across
 * changes, not the milliseconds. Run: npm run bench [-- --runs 40]
 */
import { AcknowledgeJobCommand, CodePipelineClient, PollForJobsCommand, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { runConformance } from '../src/api/run-conformance.js'
import { createFakeService } from '../src/service/fake-service.js'
import { serveOnLoopback } from '../src/service/serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../src/service/testing/job-spec-fixture.js'

const runsFlag = process.argv.indexOf('--runs')
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 20

async function baselineMsPerJob(jobs: number): Promise<number> {
  const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  const served = await serveOnLoopback(service)
  const client = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS })
  try {
    const started = performance.now()
    for (let i = 0; i < jobs; i++) {
      service.enqueue([jobSpecFixture()])
      const [job] = (await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))).jobs ?? []
      if (!job?.id || !job.nonce || !job.data?.artifactCredentials) throw new Error('the fake handed out no job')
      await client.send(new AcknowledgeJobCommand({ jobId: job.id, nonce: job.nonce }))
      const { accessKeyId, secretAccessKey, sessionToken } = job.data.artifactCredentials
      const s3 = new S3Client({ region: 'us-east-1', endpoint: served.url, forcePathStyle: true, credentials: { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey!, sessionToken: sessionToken! } })
      const input = job.data.inputArtifacts?.[0]?.location?.s3Location
      await (await s3.send(new GetObjectCommand({ Bucket: input?.bucketName, Key: input?.objectKey }))).Body?.transformToByteArray()
      s3.destroy()
      await client.send(new PutJobSuccessResultCommand({ jobId: job.id }))
    }
    return (performance.now() - started) / jobs
  } finally {
    client.destroy()
    service.close()
    await served.close()
  }
}

async function conformMsPerScenario(worker: string): Promise<{ perScenario: number; scenarios: number; wallMs: number }> {
  const started = performance.now()
  const results = await runConformance({ worker, rules: ['RESULT-001'], runs: RUNS, seed: 1 })
  const wallMs = performance.now() - started
  const rule = results.rules[0]
  if (!rule || rule.verdict !== 'pass') throw new Error(`${worker} did not pass RESULT-001: ${rule?.summary}`)
  return { perScenario: rule.durationMs / rule.scenariosRun, scenarios: rule.scenariosRun, wallMs }
}

const baseline = await baselineMsPerJob(RUNS)
const processMode = await conformMsPerScenario('fixtures/workers/reference')
const inProcess = await conformMsPerScenario('fixtures/in-process/reference-worker.ts')

console.log(`baseline    in-process SDK happy path, no worker: ${baseline.toFixed(1)} ms per job`)
console.log(`process     conform on fixtures/workers/reference: ${processMode.perScenario.toFixed(1)} ms per scenario (1 to 3 jobs), ${processMode.scenarios} scenarios, run ${(processMode.wallMs / 1000).toFixed(1)} s`)
console.log(`in-process  conform on fixtures/in-process/reference-worker.ts: ${inProcess.perScenario.toFixed(1)} ms per scenario, ${inProcess.scenarios} scenarios, run ${(inProcess.wallMs / 1000).toFixed(1)} s`)
console.log(`ratios      process ${(processMode.perScenario / baseline).toFixed(1)}x baseline, in-process ${(inProcess.perScenario / baseline).toFixed(1)}x baseline; in-process takes ${(inProcess.perScenario / processMode.perScenario).toFixed(2)}x the time of process mode per scenario`)
