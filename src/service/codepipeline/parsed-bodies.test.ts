import { describe, expect, it } from 'vitest'
import { createFakeService } from '../fake-service.js'
import { fromFetchRequest } from '../msw-bridge.js'
import { TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../testing/job-spec-fixture.js'
import { codePipelineHeaders, signedRequest } from '../testing/sign-request.js'
import type { WireResponse } from '../wire.js'

// The handler remembers parsed bodies (frozen) and each operation its verdict on them: the same
// text sent again, or sent to another operation, must be answered as if it were new.
describe('remembered request bodies', () => {
  const service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  const call = async (operation: string, body: string) => {
    const request = await signedRequest('http://127.0.0.1:4566/', { method: 'POST', headers: codePipelineHeaders(operation), body }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 'codepipeline' })
    const answer = (await service.answer(await fromFetchRequest(request))) as WireResponse
    return { status: answer.status, body: JSON.parse(String(answer.body || '{}')) as Record<string, unknown> }
  }

  it('answers an invalid body the same ValidationException every time it is sent', async () => {
    const body = JSON.stringify({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 0 })
    const first = await call('PollForJobs', body)
    expect(first).toMatchObject({ status: 400, body: { __type: 'ValidationException' } })
    expect(await call('PollForJobs', body)).toEqual(first)
  })

  it("judges the same text by each operation's own shape", async () => {
    const body = JSON.stringify({ jobId: '11111111-1111-4111-8111-111111111111' })
    expect(await call('AcknowledgeJob', body)).toMatchObject({ status: 400, body: { __type: 'ValidationException', message: expect.stringContaining("'nonce'") } })
    expect(await call('GetJobDetails', body)).toMatchObject({ status: 400, body: { __type: 'JobNotFoundException' } })
    expect(await call('AcknowledgeJob', body)).toMatchObject({ status: 400, body: { __type: 'ValidationException' } })
  })

  it('records each call as its own entry with the request as sent (the parsed body is shared, frozen)', async () => {
    const body = JSON.stringify({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 1 })
    await call('PollForJobs', body)
    await call('PollForJobs', body)
    const [a, b] = service.trace.entries().slice(-2)
    expect(a?.request).toEqual(JSON.parse(body))
    expect(b?.request).toEqual(JSON.parse(body))
    expect(b?.seq).toBe((a?.seq ?? 0) + 1)
    expect(Object.isFrozen(b?.request)).toBe(true)
  })
})
