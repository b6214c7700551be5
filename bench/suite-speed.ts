/**
 * How fast is the whole suite, as a user meets it?
 *
 * 1. The default profile (every rule, the default --runs each) against
 *    the reference worker, in process mode and in-process mode: wall time,
 *    scenarios and calls per second.
 * 2. For every broken worker, the time to its first shrunk counterexample
 *    (its own rule only, default runs): what a developer waits for after
 *    breaking a rule.
 * 3. Where the time goes: per scenario, the worker's poll interval (it picks
 *    a job up half an interval late on average, and settling waits for two
 *    more polls), against the calls themselves.
 *
 * Baseline, measured in the same run: one job pushed through the fake by an
 * in-process SDK client doing the happy path with no worker process and no
 * waiting (bench/scenario-throughput.ts measures the same). Ratios, not
 * milliseconds, are what compare across machines.
 *
 * Run: npm run bench:suite [-- --runs 20] [-- --broken 6]  (--runs defaults to the CLI's)
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AcknowledgeJobCommand, CodePipelineClient, PollForJobsCommand, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline'
import { runConformance } from '../src/api/run-conformance.js'
import { RULES } from '../src/rules/catalogue.js'
import { DEFAULT_RUNS } from '../src/rules/scenario-budget.js'
import { createFakeService } from '../src/service/fake-service.js'
import { serveOnLoopback } from '../src/service/serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../src/service/testing/job-spec-fixture.js'

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const RUNS = flag('--runs', DEFAULT_RUNS)
const BROKEN_LIMIT = flag('--broken', Number.POSITIVE_INFINITY)

/** Calls per job on the happy path without a worker: poll, acknowledge, report (no S3, no waits). */
async function baselineMsPerCall(jobs: number): Promise<number> {
  const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  const served = await serveOnLoopback(service)
  const client = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS })
  try {
    const started = performance.now()
    for (let i = 0; i < jobs; i++) {
      service.enqueue([jobSpecFixture()])
      const [job] = (await client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))).jobs ?? []
      if (!job?.id || !job.nonce) throw new Error('the fake handed out no job')
      await client.send(new AcknowledgeJobCommand({ jobId: job.id, nonce: job.nonce }))
      await client.send(new PutJobSuccessResultCommand({ jobId: job.id }))
    }
    return (performance.now() - started) / (jobs * 3)
  } finally {
    client.destroy()
    service.close()
    await served.close()
  }
}

function pollIntervalOf(folder: string): number | undefined {
  try {
    const config = JSON.parse(readFileSync(join(folder, 'conform.config.json'), 'utf8')) as { env?: Record<string, string> }
    const value = Number(config.env?.['POLL_INTERVAL_MS'])
    return Number.isFinite(value) ? value : undefined
  } catch {
    return undefined
  }
}

async function defaultProfile(worker: string, perCall: number): Promise<void> {
  const started = performance.now()
  const results = await runConformance({ worker, runs: RUNS, seed: 1 })
  const seconds = (performance.now() - started) / 1000
  const scenarios = results.totals.scenarios
  const calls = results.callsServed ?? 0
  const verdicts = Object.entries(results.totals).filter(([key, n]) => key !== 'scenarios' && n > 0).map(([key, n]) => `${n} ${key}`).join(', ')
  console.log(`${worker}`)
  console.log(`  ${results.rules.length} rules (${verdicts}), ${scenarios} scenarios, ${calls} calls in ${seconds.toFixed(1)} s`)
  console.log(`  ${(scenarios / seconds).toFixed(1)} scenarios/s, ${(calls / seconds).toFixed(0)} calls/s, ${((seconds * 1000) / scenarios).toFixed(1)} ms and ${(calls / scenarios).toFixed(1)} calls per scenario`)
  const floor = (calls / scenarios) * perCall
  console.log(`  ratio: ${((seconds * 1000) / scenarios / floor).toFixed(1)}x the baseline cost of the same calls made back to back (${floor.toFixed(1)} ms per scenario)`)
  const slowest = [...results.rules].sort((a, b) => b.durationMs / Math.max(1, b.scenariosRun) - a.durationMs / Math.max(1, a.scenariosRun)).slice(0, 3)
  console.log(`  slowest per scenario: ${slowest.map((rule) => `${rule.id} ${(rule.durationMs / Math.max(1, rule.scenariosRun)).toFixed(0)} ms`).join(', ')}`)
  const interval = pollIntervalOf(worker)
  if (interval !== undefined) {
    // A sequential worker meets a queued job half an interval late on average, and settling waits for two polls after its last call.
    const waiting = interval * 2.5
    console.log(`  of each scenario, about ${waiting.toFixed(0)} ms is the worker's own poll interval (${interval} ms x 2.5), the rest its calls and the harness`)
  }
}

async function firstCounterexamples(): Promise<void> {
  const workers = join('fixtures', 'workers')
  const broken = readdirSync(workers, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[a-z]+-\d{3}-/.test(entry.name))
    .map((entry) => entry.name)
    .slice(0, BROKEN_LIMIT)
  const times: number[] = []
  for (const folder of broken) {
    const ruleId = folder.split('-').slice(0, 2).join('-').toUpperCase()
    if (!RULES.some((rule) => rule.id === ruleId)) continue
    const started = performance.now()
    const results = await runConformance({ worker: join(workers, folder), rules: [ruleId], runs: RUNS, seed: 1 })
    const seconds = (performance.now() - started) / 1000
    const rule = results.rules[0]
    times.push(seconds)
    const shrinks = rule?.counterexample?.shrinks
    console.log(`  ${folder.padEnd(44)} ${rule?.verdict ?? '?'} in ${seconds.toFixed(1)} s${shrinks !== undefined ? `, shrunk ${shrinks} time(s)` : ''}`)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)] ?? 0
  console.log(`  ${times.length} broken workers: median ${median.toFixed(1)} s, slowest ${(times.at(-1) ?? 0).toFixed(1)} s to a shrunk counterexample (worker start included)`)
}

const perCall = await baselineMsPerCall(200)
console.log(`baseline: ${perCall.toFixed(2)} ms per call, in-process SDK client against the fake on loopback, no worker\n`)
console.log(`1. default profile (${RUNS} scenarios per rule, seed 1)`)
await defaultProfile('fixtures/workers/reference', perCall)
await defaultProfile('fixtures/in-process/reference-worker.ts', perCall)
console.log('\n2. first shrunk counterexample per broken worker (its own rule only)')
await firstCounterexamples()
