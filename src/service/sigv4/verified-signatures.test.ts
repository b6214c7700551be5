import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createFakeService } from '../fake-service.js'
import { TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../testing/job-spec-fixture.js'
import { codePipelineHeaders, signedRequest } from '../testing/sign-request.js'
import { fromFetchRequest } from '../msw-bridge.js'
import type { WireResponse } from '../wire.js'

// The fake remembers computed signatures (a polling worker resends the same signed call);
// a remembered one must never vouch for a request that differs in anything it signs.
describe('remembered signatures', () => {
  const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  const body = JSON.stringify({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 1 })
  const signed = () =>
    signedRequest('http://127.0.0.1:4566/', { method: 'POST', headers: codePipelineHeaders('PollForJobs'), body }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 'codepipeline' })
  const send = async (request: Request) => (await service.answer(await fromFetchRequest(request))) as WireResponse
  /** The same method, URL and headers (the Authorization header included) with other parts changed. */
  const replayed = async (change: { body?: string; header?: [string, string]; url?: string }) => {
    const original = await signed()
    const headers = new Headers(original.headers)
    if (change.header) headers.set(...change.header)
    return new Request(change.url ?? original.url, { method: 'POST', headers, body: change.body ?? body })
  }

  it('answers an identical replay as the first, and the trace marks both valid', async () => {
    const request = await signed()
    const first = await send(request.clone())
    const again = await send(request)
    expect([first.status, again.status]).toEqual([200, 200])
    expect(service.trace.entries().slice(-2).map((entry) => entry.signatureValid)).toEqual([true, true])
  })

  it.each([
    ['a body one byte longer', { body: `${body} ` }],
    ['a body of the same length', { body: body.replace('"maxBatchSize":1', '"maxBatchSize":2') }],
    ['another value of a signed header', { header: ['x-amz-target', 'CodePipeline_20150709.AcknowledgeJob'] as [string, string] }],
    ['another X-Amz-Date', { header: ['x-amz-date', '20200101T000000Z'] as [string, string] }],
    ['another path', { url: 'http://127.0.0.1:4566/other' }],
  ])('refuses %s under a signature it remembers as valid', async (_name, change) => {
    expect((await send(await signed())).status).toBe(200)
    const answer = await send(await replayed(change))
    expect(answer.status).toBe(400)
    expect(JSON.parse(String(answer.body))).toMatchObject({ __type: expect.stringMatching(/InvalidSignatureException|SignatureDoesNotMatch/) })
    expect(service.trace.entries().at(-1)).toMatchObject({ signatureValid: false })
  })

  it('refuses the remembered signature when the secret is not the one it was computed with', async () => {
    const other = createFakeService({ region: 'us-east-1', workerCredentials: { ...WORKER_CREDENTIALS, secretAccessKey: 'another-secret' }, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
    const request = await signed()
    expect((await send(request.clone())).status).toBe(200)
    const answer = (await other.answer(await fromFetchRequest(request))) as WireResponse
    expect(answer.status).toBe(400)
    other.close()
  })
})

describe('the payload hash a CodePipeline call declares', () => {
  it('is not trusted: a body changed under a signed x-amz-content-sha256 fails the signature, as the JS SDK sends it', async () => {
    const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
    const body = JSON.stringify({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 1 })
    const headers = { ...codePipelineHeaders('PollForJobs'), 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') }
    const signed = await signedRequest('http://127.0.0.1:4566/', { method: 'POST', headers, body }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 'codepipeline' })
    const honest = (await service.answer(await fromFetchRequest(signed.clone()))) as WireResponse
    expect(honest.status).toBe(200)
    const tampered = new Request(signed.url, { method: 'POST', headers: signed.headers, body: body.replace('"maxBatchSize":1', '"maxBatchSize":9') })
    const answer = (await service.answer(await fromFetchRequest(tampered))) as WireResponse
    expect([answer.status, JSON.parse(String(answer.body)).__type]).toEqual([400, 'InvalidSignatureException'])
    service.close()
  })
})
