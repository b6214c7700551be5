import type { MessagePort } from 'node:worker_threads'
import { getResponse, type RequestHandler } from 'msw'
import { isClosedConnection } from './faults/fault-answer.js'

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
 * same handlers that serve the loopback port answer it here. No port is
 * opened; the job store stays in one place.
 */
export function serveOverPort(handlers: RequestHandler[], port: MessagePort): void {
  port.on('message', (message: PortRequest) => {
    void answer(handlers, message).then((response) => port.postMessage(response, [response.body]))
  })
}

async function answer(handlers: RequestHandler[], message: PortRequest): Promise<PortResponse> {
  const request = new Request(message.url, {
    method: message.method,
    headers: message.headers,
    ...(message.body && message.method !== 'GET' && message.method !== 'HEAD' ? { body: message.body } : {}),
  })
  const response =
    (await getResponse(handlers, request).catch(() => undefined)) ??
    new Response(JSON.stringify({ __type: 'UnknownOperationException', message: `conform: the fake service has no handler for ${message.method} ${message.url}` }), {
      status: 404,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    })
  if (isClosedConnection(response)) return { id: message.id, status: 0, headers: [], body: new ArrayBuffer(0), closed: true }
  return { id: message.id, status: response.status, headers: [...response.headers], body: await response.arrayBuffer() }
}
