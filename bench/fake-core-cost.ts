/**
 * What one call costs the fake's core, without HTTP: `service.answer` called
 * in a loop on requests signed beforehand (SigV4 by the SDK's own signer), in
 * three kinds:
 *
 * - repeated: one signed PollForJobs sent again and again, as a worker polling
 *   every few milliseconds does within one second of `X-Amz-Date` (the
 *   signature, the parsed body and its validation are remembered, decision 0016);
 * - new signature: every call signed afresh (a unique `amz-sdk-invocation-id`,
 *   as the JS SDK sends), the same body;
 * - all new: a new signature and a new body each call (a unique queryParam).
 *
 * Prints CPU µs a call and what one core would answer at that cost (the
 * first round warms the JIT; the signed requests held for the distinct kinds
 * make the heap, and GC, larger than a fake's own). Not a test: `node --import tsx bench/fake-core-cost.ts` (CALLS, default 20,000).
 */
import { createFakeService } from '../src/service/fake-service.js'
import { TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../src/service/testing/job-spec-fixture.js'
import { codePipelineHeaders, signedRequest } from '../src/service/testing/sign-request.js'
import { WireHeaderMap, type WireRequest } from '../src/service/wire.js'

const CALLS = Number(process.env.CALLS ?? '20000')
const URL_ = 'http://127.0.0.1:4566/'
const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 600_000 })
/** A signed request as node:http hands it over: raw headers, body bytes (the header map is built per call, as the loopback transport does). */
interface Raw {
  rawHeaders: string[]
  body: Uint8Array
}
async function sign(headers: Record<string, string>, body: object): Promise<Raw> {
  const request = await signedRequest(URL_, { method: 'POST', headers: { ...codePipelineHeaders('PollForJobs'), ...headers }, body: JSON.stringify(body) }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 'codepipeline' })
  const rawHeaders: string[] = []
  request.headers.forEach((value, name) => rawHeaders.push(name, value))
  return { rawHeaders, body: new Uint8Array(await request.arrayBuffer()) }
}
const wire = (raw: Raw): WireRequest => ({ method: 'POST', url: URL_, headers: new WireHeaderMap(raw.rawHeaders), body: raw.body })
const poll = { actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 1 }

console.log(`fake-core-cost: signing ${CALLS * 2} requests first...`)
const repeated = await sign({}, poll)
const newSignature: Raw[] = []
const allNew: Raw[] = []
for (let i = 0; i < CALLS; i++) {
  newSignature.push(await sign({ 'amz-sdk-invocation-id': `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }, poll))
  allNew.push(await sign({ 'amz-sdk-invocation-id': `10000000-0000-4000-8000-${String(i).padStart(12, '0')}` }, { ...poll, queryParam: { call: String(i) } }))
}

async function cost(name: string, next: (i: number) => Raw): Promise<void> {
  for (let i = 0; i < 2000; i++) await service.answer(wire(next(i % CALLS)))
  const cpu = process.cpuUsage()
  for (let i = 0; i < CALLS; i++) await service.answer(wire(next(i)))
  const used = process.cpuUsage(cpu)
  const micros = (used.user + used.system) / CALLS
  console.log(`   ${name.padEnd(14)} ${micros.toFixed(1).padStart(5)} µs CPU a call   (one core: ${(1e6 / micros).toFixed(0)} calls/s)`)
}
const status = ((await service.answer(wire(repeated))) as { status: number }).status
if (status !== 200) throw new Error(`the signed poll was answered ${status}, not 200`)
for (let round = 1; round <= 2; round++) {
  console.log(` round ${round}`)
  await cost('repeated', () => repeated)
  await cost('new signature', (i) => newSignature[i] as Raw)
  await cost('all new', (i) => allNew[i] as Raw)
}
service.close()
