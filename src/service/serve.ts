import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConformError } from '../errors/conform-error.js'
import { coreOf, type Servable } from './msw-bridge.js'
import type { TraceJournal } from './trace/trace-journal.js'
import { setBounded } from './bounded-map.js'
import { isClosed, WireHeaderMap, type WireCore, type WireRequest, type WireResponse } from './wire.js'
import { DEFAULT_TRANSPORT_LIMITS, recordRefusal, refusalAnswer, refusalBytes, type Refusal, type TransportLimits } from './transport-limits.js'

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, the endpoint to give the worker. */
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves the fake on 127.0.0.1 (never another interface). The fake's core
 * answers straight from node:http (no Fetch objects); any other MSW handlers
 * are served through `getResponse`. A request nothing answers gets a 404 JSON
 * error rather than hanging.
 *
 * @example
 * const served = await serveOnLoopback(service) // port 0: a free port
 * new CodePipelineClient({ endpoint: served.url })
 * await served.close()
 */
export async function serveOnLoopback(
  target: Servable,
  options: { port?: number; trace?: TraceJournal; limits?: Partial<TransportLimits> } = {},
): Promise<LoopbackServer> {
  const port = options.port ?? 0
  const limits = { ...DEFAULT_TRANSPORT_LIMITS, ...options.limits }
  const core = coreOf(target)
  // The check interval bounds how late a slow-loris client is cut off (Node checks every 30 s by default).
  const server = createServer({ connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.requestTimeoutMs / 4)) }, (req, res) => answer(core, req, res, limits, options.trace))
  server.headersTimeout = limits.headersTimeoutMs
  server.requestTimeout = limits.requestTimeoutMs
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const refusal: Refusal =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT' ? { kind: 'timeout' } : { kind: 'malformed', detail: error.code ?? error.message }
    if (error.code !== 'ECONNRESET') recordRefusal(options.trace, refusal, {})
    if (socket.writable) socket.end(refusalBytes(refusal))
    socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new ConformError(
            'CONFORM_PORT_UNAVAILABLE',
            `conform: port ${port} on 127.0.0.1 is already in use by another program; stop that program or choose another port (0 picks a free one).`,
            { cause: error },
          ),
        )
      } else reject(error)
    })
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const bound = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function answer(core: WireCore, req: IncomingMessage, res: ServerResponse, limits: TransportLimits, trace: TraceJournal | undefined): void {
  const failed = (error: unknown): void => {
    const body = JSON.stringify({ __type: 'InternalFailure', message: `conform: the fake service failed to answer: ${String(error)}` })
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InternalFailure' })
    res.end(body)
  }
  // Callbacks rather than async functions: each await on this path is a microtask a call, measurable at thousands of calls a second.
  const respond = (request: WireRequest): void => {
    core(request)
      .then((answered) => {
        const answer = answered ?? unhandled(request)
        // A fault closing the connection (a reset, or a response dropped after the call was applied).
        if (isClosed(answer)) req.socket.destroy()
        else send(res, answer)
      })
      // Also what sending throws (a header value node:http refuses, e.g. from a worker's aws-chunked trailer): a 500, never an unhandled rejection.
      .catch(failed)
  }
  const refuse = (refusal: Refusal): void => {
    const target = req.headers['x-amz-target']
    recordRefusal(trace, refusal, { method: req.method ?? '', path: (req.url ?? '/').split('?')[0] ?? '/', ...(typeof target === 'string' ? { target } : {}) })
    const { status, headers, body } = refusalAnswer(refusal)
    res.writeHead(status, { ...headers, connection: 'close' })
    res.end(body)
  }
  try {
    const headers = new WireHeaderMap(req.rawHeaders)
    const url = absoluteUrl(headers.get('host') ?? '127.0.0.1', req.url ?? '/')
    const method = req.method ?? 'GET'
    if (method === 'GET' || method === 'HEAD') {
      req.resume()
      return respond({ method, url, headers, body: EMPTY })
    }
    const limit = headers.has('x-amz-target') ? limits.maxJsonBodyBytes : limits.maxBodyBytes
    const declared = Number(headers.get('content-length') ?? NaN)
    if (declared > limit) return refuse({ kind: 'too-large', limit, bytes: declared })
    // A body over the cap is not read any further.
    readBody(
      req,
      limit,
      (body) => {
        try {
          if (body === undefined) refuse({ kind: 'too-large', limit })
          else respond({ method, url, headers, body })
        } catch (error) {
          failed(error)
        }
      },
      failed,
    )
  } catch (error) {
    failed(error)
  }
}

/**
 * The request's absolute URL, as `new URL(path, 'http://' + host).href`
 * serialises it. Parsing a URL is a few microseconds a call, so the origin of
 * each Host header is parsed once and a plain path (every CodePipeline call
 * posts to '/') is appended as it is.
 */
export function absoluteUrl(host: string, path: string): string {
  if (!PLAIN_PATH.test(path)) return new URL(path, `http://${host}`).href
  const origin = origins.get(host) ?? setBounded(origins, host, new URL('/', `http://${host}`).href.slice(0, -1), 64)
  return origin + path
}

/** A path URL serialisation leaves as it is: no dot segments, nothing to percent-encode, no query. */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:\/|$))*$/
const origins = new Map<string, string>()

const EMPTY = new Uint8Array(0)

/** The whole body, from 'data' events (an async iterator costs a promise per chunk), or undefined past the limit. */
function readBody(req: IncomingMessage, limit: number, done: (body: Uint8Array | undefined) => void, failed: (error: unknown) => void): void {
  const chunks: Buffer[] = []
  let total = 0
  const onData = (chunk: Buffer): void => {
    total += chunk.length
    if (total > limit) {
      req.off('data', onData)
      req.pause()
      done(undefined)
      return
    }
    chunks.push(chunk)
  }
  req.on('data', onData)
  req.once('end', () => {
    if (total <= limit) done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))
  })
  req.once('error', failed)
}

function unhandled(request: WireRequest): WireResponse {
  const message = `conform: the fake service has no handler for ${request.method} ${new URL(request.url).pathname} (it serves CodePipeline job calls and S3 artifact objects only)`
  return {
    status: 404,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' },
    body: JSON.stringify({ __type: 'UnknownOperationException', message }),
  }
}

function send(res: ServerResponse, answer: WireResponse): void {
  const { headers, body } = answer
  if (body !== null && headers['content-length'] === undefined) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length)
  res.writeHead(answer.status, headers)
  res.end(body ?? undefined)
}
