import { createServer } from 'node:net'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { isConformError } from '../errors/conform-error.js'
import { serveOnLoopback } from './serve.js'
import type { WireAnswer } from './wire.js'

describe('serveOnLoopback', () => {
  it('answers through the handlers on 127.0.0.1 and 404s what they do not handle', async () => {
    const served = await serveOnLoopback([http.get('*/hello', () => HttpResponse.json({ hi: true }))])
    try {
      expect(served.url).toBe(`http://127.0.0.1:${served.port}`)
      expect(await (await fetch(`${served.url}/hello`)).json()).toEqual({ hi: true })
      const missing = await fetch(`${served.url}/nowhere`, { method: 'POST', body: 'x' })
      expect(missing.status).toBe(404)
      expect(await missing.json()).toEqual({
        __type: 'UnknownOperationException',
        message: 'conform: the fake service has no handler for POST /nowhere (it serves CodePipeline job calls and S3 artifact objects only)',
      })
    } finally {
      await served.close()
    }
  })

  it('reports a port already in use as CONFORM_PORT_UNAVAILABLE', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const error = await serveOnLoopback([], { port }).catch((e: unknown) => e)
      expect(isConformError(error)).toBe(true)
      expect(error).toMatchObject({
        code: 'CONFORM_PORT_UNAVAILABLE',
        message: `conform: port ${port} on 127.0.0.1 is already in use by another program; stop that program or choose another port (0 picks a free one).`,
      })
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('answers 500 InternalFailure when node:http refuses to send an answer, and keeps serving', async () => {
    let calls = 0
    // A header value node:http will not write (a worker's aws-chunked trailer can carry one into an S3 answer).
    const served = await serveOnLoopback({
      answer: async (): Promise<WireAnswer> => (++calls === 1 ? { status: 200, headers: { 'x-amz-checksum-crc32': 'a\u0001b' }, body: '' } : { status: 200, headers: {}, body: 'ok' }),
    })
    try {
      const refused = await fetch(`${served.url}/bucket/key`, { method: 'PUT', body: 'x' })
      expect(refused.status).toBe(500)
      expect(await refused.json()).toMatchObject({ __type: 'InternalFailure', message: expect.stringContaining('the fake service failed to answer') })
      expect(await (await fetch(`${served.url}/bucket/key`)).text()).toBe('ok')
    } finally {
      await served.close()
    }
  })
})
