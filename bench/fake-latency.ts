/**
 * How fast is the fake, against the floor and the nearest peer?
 *
 * 1. SDK round trips (p50, p99, calls/s) of PollForJobs and AcknowledgeJob
 *    from a separate client process (the JS SDK), against the fake on
 *    loopback, a bare node:http server answering a constant body (the floor),
 *    and moto_server answering ListPipelines (moto has no job API);
 * 2. raw capacity: autocannon replaying one validly signed PollForJobs over
 *    16 connections, fake against floor;
 * 3. the in-process transport (MSW) with the same client;
 * 4. 10,000 jobs through one fake (poll, acknowledge, success): latency of the
 *    first and last thousand, and heap before and after.
 * Targets (issue 3): fake p50 within 1.3x the floor's, at least 2.5x moto's
 * SDK throughput, raw capacity at least 15,000 req/s, flat latency and
 * bounded memory over 10,000 jobs. Not a test: run `npm run bench:fake`
 * when the machine is quiet; the load average is printed with the numbers.
 * autocannon runs in its own process (bench/load-generator.ts);
 * bench/fake-capacity.ts also prints the server's CPU time per request and
 * profiles it.
 *
 * Last runs (decision 0016; 29 Nov 2026, load average 1-1.5, three runs):
 * SDK p50 fake/floor 1.08-1.38x poll, 0.94-1.27x ack; SDK throughput
 * 3.3-4.7x moto's; raw capacity half the floor's: 15,290-16,070 req/s with
 * the floor near 32,000, 10,001 with it at 19,800; 10,000 jobs flat, heap
 * 23 -> 47 MB.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createConnection } from 'node:net'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { AcknowledgeJobCommand, CodePipelineClient, PollForJobsCommand, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline'
import { createFakeService } from '../src/service/fake-service.js'
import { serveOnLoopback } from '../src/service/serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../src/service/testing/job-spec-fixture.js'
import { floorServer, median } from './floor-server.js'
import { requestsPerSecond, signedPoll } from './load-generator.js'

const CALLS = Number(process.env.CALLS ?? '2000')
const client = fileURLToPath(new URL('./fake-latency-client.ts', import.meta.url))
const run = promisify(execFile)

interface Timing {
  p50: number
  p99: number
  perSecond: number
}

async function clientProcess(env: Record<string, string>): Promise<Timing> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', client], { env: { ...process.env, CALLS: String(CALLS), ...env }, maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Timing
}

async function moto(): Promise<{ url: string; child: ChildProcess } | undefined> {
  const port = 5000 + Math.floor(Math.random() * 1000)
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
  const failed = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true))
    const deadline = Date.now() + 30_000
    const attempt = (): void => {
      const socket = createConnection(port, '127.0.0.1')
      socket.once('connect', () => (socket.destroy(), resolve(false)))
      socket.once('error', () => (Date.now() > deadline ? resolve(true) : setTimeout(attempt, 200)))
    }
    attempt()
  })
  return failed ? undefined : { url: `http://127.0.0.1:${port}`, child }
}

async function capacity(url: string): Promise<number> {
  return requestsPerSecond(url, await signedPoll(url), 5)
}

const fmt = (t: Timing) => `p50 ${t.p50.toFixed(2)} ms, p99 ${t.p99.toFixed(2)} ms, ${t.perSecond.toFixed(0)} calls/s`
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ')

console.log(`fake-latency: ${CALLS} calls per measurement; load average at start ${load()}`)
const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 600_000 })
const served = await serveOnLoopback(service, { trace: service.trace })
const floor = await floorServer()

// 1. SDK round trips from a separate process. The fake and the floor take turns, ROUNDS times (the
// medians are printed): a client process's own pace moves by a tenth from one run to the next, so
// fake-then-floor once measures the order as much as the servers.
const ROUNDS = Number(process.env.ROUNDS ?? '3')
const spec = jobSpecFixture({ life: { redispatchAfterMs: 600_000 } })
service.enqueue([spec])
const direct = new CodePipelineClient({ region: 'us-east-1', endpoint: served.url, credentials: WORKER_CREDENTIALS })
const [job] = (await direct.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))).jobs ?? []
const rounds: { fakePoll: Timing; fakeAck: Timing; floorPoll: Timing }[] = []
for (let round = 0; round < ROUNDS; round++) {
  const fakePoll = await clientProcess({ ENDPOINT: served.url, OPERATION: 'PollForJobs' })
  const floorPoll = await clientProcess({ ENDPOINT: floor.url, OPERATION: 'PollForJobs' })
  // The same job and nonce each round: acknowledging an InProgress job again with its nonce answers InProgress.
  const fakeAck = await clientProcess({ ENDPOINT: served.url, OPERATION: 'AcknowledgeJob', JOB_ID: job?.id ?? '', NONCE: job?.nonce ?? '' })
  rounds.push({ fakePoll, fakeAck, floorPoll })
}
const medianTiming = (pick: (r: (typeof rounds)[number]) => Timing): Timing => ({
  p50: median(rounds.map((r) => pick(r).p50)),
  p99: median(rounds.map((r) => pick(r).p99)),
  perSecond: median(rounds.map((r) => pick(r).perSecond)),
})
const fakePoll = medianTiming((r) => r.fakePoll)
const fakeAck = medianTiming((r) => r.fakeAck)
const floorPoll = medianTiming((r) => r.floorPoll)
const motoServer = await moto()
const motoList = motoServer ? await clientProcess({ ENDPOINT: motoServer.url, OPERATION: 'ListPipelines' }) : undefined
motoServer?.child.kill()
console.log(`\n1. JS SDK round trips from a separate process (median of ${ROUNDS} alternating rounds)`)
console.log(`   fake  PollForJobs     ${fmt(fakePoll)}`)
console.log(`   fake  AcknowledgeJob  ${fmt(fakeAck)}`)
console.log(`   floor PollForJobs     ${fmt(floorPoll)}   (bare node:http, constant body)`)
console.log(motoList ? `   moto  ListPipelines   ${fmt(motoList)}` : '   moto  not measured: moto_server is not installed or did not start')
console.log(`   ratio fake/floor p50 by round: ${rounds.map((r) => `${(r.fakePoll.p50 / r.floorPoll.p50).toFixed(2)}x`).join(', ')}`)
console.log(`   ratio fake/floor p50: poll ${(fakePoll.p50 / floorPoll.p50).toFixed(2)}x, ack ${(fakeAck.p50 / floorPoll.p50).toFixed(2)}x (target <= 1.3x)`)
if (motoList) console.log(`   ratio fake/moto throughput: ${(fakePoll.perSecond / motoList.perSecond).toFixed(2)}x (target >= 2.5x)`)

// 2. Raw capacity with a validly signed PollForJobs (the fake verifies the signature on every request).
const traceBefore = service.trace.recorded
const raw: { fake: number; floor: number }[] = []
for (let round = 0; round < ROUNDS; round++) raw.push({ fake: await capacity(served.url), floor: await capacity(floor.url) })
const fakeRaw = median(raw.map((r) => r.fake))
const floorRaw = median(raw.map((r) => r.floor))
console.log(`\n2. raw capacity, autocannon in its own process, 16 connections, 5 s (median of ${ROUNDS} alternating rounds)`)
console.log(`   by round: ${raw.map((r) => `fake ${r.fake.toFixed(0)} / floor ${r.floor.toFixed(0)}`).join(', ')}`)
console.log(`   fake  ${fakeRaw.toFixed(0)} req/s   floor ${floorRaw.toFixed(0)} req/s   ratio ${(fakeRaw / floorRaw).toFixed(2)} (target fake >= 15000 req/s)`)
console.log(`   trace grew by ${service.trace.recorded - traceBefore} entries (${service.trace.entries().length} kept)`)

// 3. In-process transport, same client.
const inProcess = await clientProcess({ IN_PROCESS: '1', OPERATION: 'PollForJobs' })
console.log(`\n3. in-process (MSW) PollForJobs  ${fmt(inProcess)}`)

// 4. 10,000 jobs through one fake.
const JOBS = Number(process.env.JOBS ?? '10000')
const big = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 600_000 })
const bigServed = await serveOnLoopback(big, { trace: big.trace })
const worker = new CodePipelineClient({ region: 'us-east-1', endpoint: bigServed.url, credentials: WORKER_CREDENTIALS })
global.gc?.()
const heapBefore = process.memoryUsage().heapUsed
const perJob: number[] = []
const heapAt: string[] = []
for (let i = 0; i < JOBS; i++) {
  if (i > 0 && i % (JOBS / 4) === 0) {
    global.gc?.()
    heapAt.push(`${i}: ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB`)
  }
  big.enqueue([jobSpecFixture()])
  const t = performance.now()
  const [next] = (await worker.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE }))).jobs ?? []
  await worker.send(new AcknowledgeJobCommand({ jobId: next?.id, nonce: next?.nonce }))
  await worker.send(new PutJobSuccessResultCommand({ jobId: next?.id }))
  perJob.push(performance.now() - t)
}
global.gc?.()
const heapAfter = process.memoryUsage().heapUsed
console.log(`\n4. ${JOBS} jobs (poll, acknowledge, success) through one fake`)
console.log(`   median per job: first 1000 ${median(perJob.slice(0, 1000)).toFixed(2)} ms, last 1000 ${median(perJob.slice(-1000)).toFixed(2)} ms`)
const quarter = Math.floor(JOBS / 4)
console.log(`   median per job by quarter: ${[0, 1, 2, 3].map((q) => `${median(perJob.slice(q * quarter, (q + 1) * quarter)).toFixed(2)} ms`).join(', ')} (load average now ${load()})`)
console.log(`   heap: ${(heapBefore / 1e6).toFixed(1)} MB before, ${heapAt.join(', ')}, ${(heapAfter / 1e6).toFixed(1)} MB after (${((heapAfter - heapBefore) / JOBS).toFixed(0)} bytes per job kept)`)
const kept = big.retained()
console.log(`   kept: ${kept.traceEntries} of ${big.trace.recorded} trace entries, ${kept.finishedJobs} finished jobs, ${kept.objects} S3 objects`)
console.log(`\nload average at end ${load()}`)

worker.destroy()
direct.destroy()
await bigServed.close()
big.close()
await served.close()
service.close()
floor.close()
