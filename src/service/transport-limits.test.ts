import { connect } from 'node:net'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { serveOnLoopback } from './serve.js'
import { TraceJournal } from './trace/trace-journal.js'
import type { TransportLimits } from './transport-limits.js'

let close: (() => Promise<void>) | undefined
afterEach(async () => close?.())

async function serve(limits: Partial<TransportLimits>) {
  const trace = new TraceJournal()
  const served = await serveOnLoopback([http.all('*', () => HttpResponse.json({ ok: true }))], { trace, limits })
  close = served.close
  return { served, trace }
}

/** Sends raw bytes (parts spaced out when given several) and resolves with everything the server wrote before closing. */
function raw(port: number, parts: string[], gapMs = 0): Promise<string> {
  return new Promise((resolve) => {
    let answer = ''
    const socket = connect(port, '127.0.0.1', () => {
      parts.forEach((part, i) => setTimeout(() => socket.writable && socket.write(part), i * gapMs))
    })
    socket.on('data', (chunk) => (answer += String(chunk)))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve(answer))
  })
}

describe('the loopback transport bounds bad input', () => {
  it('answers a body over the cap with an AWS-shaped 413 without reading it, records it, and keeps serving', async () => {
    const { served, trace } = await serve({ maxJsonBodyBytes: 100 })
    const response = await fetch(served.url, { method: 'POST', headers: { 'x-amz-target': 'CodePipeline_20150709.PollForJobs' }, body: 'x'.repeat(1000) })
    expect(response.status).toBe(413)
    expect(response.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException')
    expect(await response.json()).toEqual({ __type: 'RequestEntityTooLargeException', message: "Request body of 1000 bytes exceeds the 100-byte limit of conform's fake service" })
    expect(trace.entries()).toMatchObject([
      { service: 'codepipeline', operation: '(refused by the transport: too-large)', request: { method: 'POST', path: '/', target: 'CodePipeline_20150709.PollForJobs', limit: 100, bytes: 1000 }, response: { status: 413 } },
    ])
    expect((await fetch(served.url, { method: 'POST', body: 'small' })).status).toBe(200)
  })

  it('cuts off a chunked body once it passes the cap', async () => {
    const { served } = await serve({ maxBodyBytes: 10 })
    const answer = await raw(served.port, ['PUT /bucket/key HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n', '14\r\n01234567890123456789\r\n'], 20)
    expect(answer).toMatch(/^HTTP\/1\.1 413 /)
  })

  it('closes a slow-loris connection with a 408 and records it', async () => {
    const { served, trace } = await serve({ requestTimeoutMs: 200, headersTimeoutMs: 200 })
    const answer = await raw(served.port, ['POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc'])
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(answer).toContain('"__type":"RequestTimeoutException"')
    expect(trace.entries().map((e) => e.operation)).toEqual(['(refused by the transport: timeout)'])
  })

  it('answers bytes that are not HTTP with a 400 and records them', async () => {
    const { served, trace } = await serve({})
    const answer = await raw(served.port, ['NOT HTTP AT ALL\r\n\r\n'])
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(trace.entries()[0]).toMatchObject({ operation: '(refused by the transport: malformed)', response: { status: 400, errorType: 'SerializationException' } })
    expect((await fetch(served.url)).status).toBe(200)
  })
})
