import type { MessagePort } from 'node:worker_threads'
import { coreOf, type Servable } from './msw-bridge.js'
import { isClosed, WireHeaderMap, type WireCore, type WireResponse } from './wire.js'

/** A request as it crosses a MessagePort: plain, structured-cloneable data. */
export interface PortRequest {
  id: number
  method: string
  url: string
  headers: [string, string][]
  body: ArrayBuffer | null
}

export interface PortResponse {
  id: number
  status: number
  headers: [string, string][]
  body: ArrayBuffer
  /** A fault closed the connection: the worker's request must fail as a network error. */
  closed?: boolean
}

/**
 * Serves the fake's handlers to an in-process worker running in a worker
 * thread: its MSW interceptor forwards each request over the port, and the
 * same core that serves the loopback port answers it here. No port is
 * opened; the job store stays in one place.
 */
export function serveOverPort(target: Servable, port: MessagePort): void {
  const core = coreOf(target)
  port.on('message', (message: PortRequest) => {
    void answer(core, message).then((response) => port.postMessage(response, [response.body]))
  })
}

async function answer(core: WireCore, message: PortRequest): Promise<PortResponse> {
  const hasBody = message.body !== null && message.method !== 'GET' && message.method !== 'HEAD'
  const headers = new WireHeaderMap(message.headers.flat())
  const request = { method: message.method, url: message.url, headers, body: hasBody ? new Uint8Array(message.body as ArrayBuffer) : new Uint8Array(0) }
  const answered =
    (await core(request).catch(() => undefined)) ??
    ({
      status: 404,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: 'UnknownOperationException', message: `conform: the fake service has no handler for ${message.method} ${message.url}` }),
    } satisfies WireResponse)
  if (isClosed(answered)) return { id: message.id, status: 0, headers: [], body: new ArrayBuffer(0), closed: true }
  const bytes = answered.body === null ? new Uint8Array(0) : typeof answered.body === 'string' ? new TextEncoder().encode(answered.body) : answered.body
  // The body's own ArrayBuffer is transferred: copy it out of any larger (pooled) buffer first.
  const body = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer
  return { id: message.id, status: answered.status, headers: Object.entries(answered.headers), body }
}
