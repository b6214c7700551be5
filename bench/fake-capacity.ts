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
import { loadavg } from 'node:os'
import { Session } from 'node:inspector/promises'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createFakeService } from '../src/service/fake-service.js'
import { serveOnLoopback } from '../src/service/serve.js'
import { TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../src/service/testing/job-spec-fixture.js'
import { floorServer, median } from './floor-server.js'
import { requestsPerSecond, signedPoll, type CannonRequest } from './load-generator.js'

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
const floor = await floorServer()

// 'replayed': one signed poll, as autocannon replays it and as a boto3 worker resends it within a second
// (botocore signs content-type, host, x-amz-date and x-amz-target only). 'fresh': 2,000 polls, each signed
// with its own amz-sdk-invocation-id as the JS SDK signs every call, cycled: more than the fake remembers,
// so every one is verified in full (decision 0016).
const replayed = await signedPoll(fake.url)
const fresh: CannonRequest[] = []
for (let i = 0; i < 2000; i++) fresh.push(await signedPoll(fake.url, { 'amz-sdk-invocation-id': `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }))

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
  const b = await measure('floor', floor.url, replayed, floor.answered)
  const n = await measure('fake, fresh', fake.url, fresh, () => service.trace.recorded)
  results.push({ fake: f.perSecond, floor: b.perSecond, fresh: n.perSecond, fakeCpu: f.cpuMicros, floorCpu: b.cpuMicros, freshCpu: n.cpuMicros })
}
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
