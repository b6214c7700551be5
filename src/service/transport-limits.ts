import type { TraceJournal } from './trace/trace-journal.js'

/**
 * What the loopback transport accepts before a handler sees a request. A
 * worker that sends too much, too slowly, or not HTTP at all gets an
 * AWS-shaped error and a closed connection, never a crashed or stuck fake.
 */
export interface TransportLimits {
  /** Largest body of an AWS JSON (CodePipeline) request; AWS's own JSON APIs refuse far smaller. */
  maxJsonBodyBytes: number
  /** Largest body of any other request (S3 PutObject and UploadPart). */
  maxBodyBytes: number
  /** A client must have sent its headers within this time. */
  headersTimeoutMs: number
  /** A client must have sent its whole request within this time (a slow-loris client is cut off). */
  requestTimeoutMs: number
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  maxJsonBodyBytes: 1024 * 1024,
  maxBodyBytes: 64 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
}

/** Why the transport turned a request away, with the error it answered. */
export type Refusal =
  | { kind: 'too-large'; limit: number; bytes?: number }
  | { kind: 'timeout' }
  | { kind: 'malformed'; detail: string }

const ANSWERS = {
  'too-large': { status: 413, code: 'RequestEntityTooLargeException', reason: 'Request Entity Too Large' },
  timeout: { status: 408, code: 'RequestTimeoutException', reason: 'Request Timeout' },
  malformed: { status: 400, code: 'SerializationException', reason: 'Bad Request' },
} as const

export function refusalMessage(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'too-large':
      return `Request body ${refusal.bytes !== undefined ? `of ${refusal.bytes} bytes ` : ''}exceeds the ${refusal.limit}-byte limit of conform's fake service`
    case 'timeout':
      return 'The client did not send the whole request in time; the connection was closed'
    default:
      return `The request is not valid HTTP: ${refusal.detail}`
  }
}

/** A refusal as an AWS JSON error: status, headers and body. */
export function refusalAnswer(refusal: Refusal): { status: number; headers: Record<string, string>; body: string } {
  const { status, code } = ANSWERS[refusal.kind]
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': code }, body: JSON.stringify({ __type: code, message: refusalMessage(refusal) }) }
}

/** The raw HTTP/1.1 answer for a refusal, written straight to the socket (the request never reached a handler). */
export function refusalBytes(refusal: Refusal): string {
  const { status, code, reason } = ANSWERS[refusal.kind]
  const body = JSON.stringify({ __type: code, message: refusalMessage(refusal) })
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/x-amz-json-1.1',
    `x-amzn-ErrorType: ${code}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}

/** Records a refusal in the trace, so the rules see the worker's bad request like any other call. */
export function recordRefusal(trace: TraceJournal | undefined, refusal: Refusal, request: { method?: string; path?: string; target?: string }): void {
  const { status, code } = ANSWERS[refusal.kind]
  trace?.record({
    service: request.target ? 'codepipeline' : 's3',
    operation: `(refused by the transport: ${refusal.kind})`,
    request: { ...request, ...(refusal.kind === 'too-large' ? { limit: refusal.limit, ...(refusal.bytes !== undefined ? { bytes: refusal.bytes } : {}) } : {}) },
    response: { status, errorType: code, body: { __type: code, message: refusalMessage(refusal) } },
  })
}
