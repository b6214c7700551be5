/**
 * Raw capacity of the fake's loopback transport with the load generator in
 * its own process (bench/load-generator.ts): autocannon replays one validly
 * signed PollForJobs over 16 connections for DURATION seconds (5) against the
 * fake and the bare node:http floor, then cycles 2,000 polls each signed
 * afresh against the fake, in turn, ROUNDS times (3). Prints requests per
 * second and the server's CPU time per request, which moves less with the
 * machine's load than throughput does. Profile the fake with `PROFILE=1`
 * (its second round, written to profiles/fake-capacity.cpuprofile).
 * Not a test: `node --import tsx bench/fake-capacity.ts`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadavg } from 'node:os'
import { Session } from 'node:inspector/promises'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createFakeService } from '../src/service/fake-service.js'
import { serveOnLoopback } from '../src/service/serve.js'
import { TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../src/service/testing/job-spec-fixture.js'
import { codePipelineHeaders, signedRequest } from '../src/service/testing/sign-request.js'
import { requestsPerSecond, type CannonRequest } from './load-generator.js'

const DURATION = Number(process.env.DURATION ?? '5')
const ROUNDS = Number(process.env.ROUNDS ?? '3')
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ')

async function measure(name: string, url: string, requests: CannonRequest | CannonRequest[], served: () => number): Promise<{ perSecond: number; cpuMicros: number }> {
  const before = served()
  const cpu = process.cpuUsage()
  const perSecond = await requestsPerSecond(url, requests, DURATION)
  const used = process.cpuUsage(cpu)
  const cpuMicros = (used.user + used.system) / Math.max(1, served() - before)
  console.log(`   ${name.padEnd(11)} ${perSecond.toFixed(0).padStart(6)} req/s   ${cpuMicros.toFixed(1)} µs CPU a request in the server`)
  return { perSecond, cpuMicros }
}

const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 600_000 })
const fake = await serveOnLoopback(service, { trace: service.trace })
let floorCalls = 0
const floorBody = '{"jobs":[]}'
const floor: Server = createServer((req, res) => {
  floorCalls++
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(floorBody.length), 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000' })
    res.end(floorBody)
  })
})
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve))
const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}`

async function signedPoll(extra: Record<string, string> = {}): Promise<CannonRequest> {
  const poll = await signedRequest(`${fake.url}/`, { method: 'POST', headers: { ...codePipelineHeaders('PollForJobs'), ...extra }, body: JSON.stringify({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 1 }) }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 'codepipeline' })
  const headers: Record<string, string> = {}
  poll.headers.forEach((value, name) => (headers[name] = value))
  return { headers, body: await poll.text() }
}
// 'replayed': one signed poll, as autocannon replays it and as a boto3 worker resends it within a second
// (botocore signs content-type, host, x-amz-date and x-amz-target only). 'fresh': 2,000 polls, each signed
// with its own amz-sdk-invocation-id as the JS SDK signs every call, cycled: more than the fake remembers,
// so every one is verified in full (decision 0016).
const replayed = await signedPoll()
const fresh: CannonRequest[] = []
for (let i = 0; i < 2000; i++) fresh.push(await signedPoll({ 'amz-sdk-invocation-id': `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }))

const profiler = process.env.PROFILE === '1' ? new Session() : undefined
console.log(`fake-capacity: autocannon in its own process, 16 connections, ${DURATION} s, ${ROUNDS} rounds; load average at start ${load()}`)
const results: { fake: number; floor: number; fresh: number; fakeCpu: number; floorCpu: number; freshCpu: number }[] = []
for (let round = 1; round <= ROUNDS; round++) {
  console.log(` round ${round}`)
  if (profiler && round === Math.min(2, ROUNDS)) {
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.start')
  }
  const f = await measure('fake', fake.url, replayed, () => service.trace.recorded)
  if (profiler && round === Math.min(2, ROUNDS)) {
    const { profile } = await profiler.post('Profiler.stop')
    mkdirSync('profiles', { recursive: true })
    writeFileSync('profiles/fake-capacity.cpuprofile', JSON.stringify(profile))
    profiler.disconnect()
  }
  const b = await measure('floor', floorUrl, replayed, () => floorCalls)
  const n = await measure('fake, fresh', fake.url, fresh, () => service.trace.recorded)
  results.push({ fake: f.perSecond, floor: b.perSecond, fresh: n.perSecond, fakeCpu: f.cpuMicros, floorCpu: b.cpuMicros, freshCpu: n.cpuMicros })
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const fakeRate = median(results.map((r) => r.fake))
const floorRate = median(results.map((r) => r.floor))
const fakeCpu = median(results.map((r) => r.fakeCpu))
const floorCpu = median(results.map((r) => r.floorCpu))
console.log(`\n median: fake ${fakeRate.toFixed(0)} req/s, floor ${floorRate.toFixed(0)} req/s (ratio ${(fakeRate / floorRate).toFixed(2)}); CPU a request: fake ${fakeCpu.toFixed(1)} µs, floor ${floorCpu.toFixed(1)} µs`)
console.log(` every request signed afresh: fake ${median(results.map((r) => r.fresh)).toFixed(0)} req/s, ${median(results.map((r) => r.freshCpu)).toFixed(1)} µs CPU a request`)
console.log(` a core spent on the fake alone would answer about ${(1e6 / fakeCpu).toFixed(0)} req/s (target 15000); kept ${service.retained().traceEntries} of ${service.trace.recorded} trace entries`)
console.log(`load average at end ${load()}`)
await fake.close()
service.close()
floor.close()
