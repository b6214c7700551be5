import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse, type RequestHandler } from 'msw'
import { ConformError } from '../errors/conform-error.js'
import { isClosedConnection } from './faults/fault-answer.js'
import type { TraceJournal } from './trace/trace-journal.js'
import { DEFAULT_TRANSPORT_LIMITS, recordRefusal, refusalAnswer, refusalBytes, type Refusal, type TransportLimits } from './transport-limits.js'

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, the endpoint to give the worker. */
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves msw handlers on 127.0.0.1 (never another interface): each Node
 * request becomes a Fetch `Request`, answered by `getResponse`. A request no
 * handler answers gets a 404 JSON error rather than hanging.
 *
 * @example
 * const served = await serveOnLoopback(service.handlers) // port 0: a free port
 * new CodePipelineClient({ endpoint: served.url })
 * await served.close()
 */
export async function serveOnLoopback(
  handlers: RequestHandler[],
  options: { port?: number; trace?: TraceJournal; limits?: Partial<TransportLimits> } = {},
): Promise<LoopbackServer> {
  const port = options.port ?? 0
  const limits = { ...DEFAULT_TRANSPORT_LIMITS, ...options.limits }
  // The check interval bounds how late a slow-loris client is cut off (Node checks every 30 s by default).
  const server = createServer({ connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.requestTimeoutMs / 4)) }, (req, res) => {
    void answer(handlers, req, res, limits, options.trace)
  })
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

async function answer(handlers: RequestHandler[], req: IncomingMessage, res: ServerResponse, limits: TransportLimits, trace: TraceJournal | undefined): Promise<void> {
  try {
    const read = await toFetchRequest(req, limits)
    if ('refusal' in read) {
      const target = req.headers['x-amz-target']
      recordRefusal(trace, read.refusal, { method: req.method ?? '', path: (req.url ?? '/').split('?')[0] ?? '/', ...(typeof target === 'string' ? { target } : {}) })
      const { status, headers, body } = refusalAnswer(read.refusal)
      res.writeHead(status, { ...headers, connection: 'close' })
      res.end(body)
      return
    }
    const request = read.request
    const response = (await getResponse(handlers, request)) ?? unhandled(request)
    // A fault closing the connection (a reset, or a response dropped after the call was applied).
    if (isClosedConnection(response)) return void req.socket.destroy()
    await send(res, response)
  } catch (error) {
    const body = JSON.stringify({ __type: 'InternalFailure', message: `conform: the fake service failed to answer: ${String(error)}` })
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InternalFailure' })
    res.end(body)
  }
}

/** The Fetch request, or why it was refused before a handler saw it: a body over the cap is not read any further. */
async function toFetchRequest(req: IncomingMessage, limits: TransportLimits): Promise<{ request: Request } | { refusal: Refusal }> {
  const headers = new Headers()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string)
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`)
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') return { request: new Request(url, { method, headers }) }
  const limit = headers.has('x-amz-target') ? limits.maxJsonBodyBytes : limits.maxBodyBytes
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > limit) return { refusal: { kind: 'too-large', limit, bytes: declared } }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req) {
    total += (chunk as Buffer).length
    if (total > limit) return { refusal: { kind: 'too-large', limit } }
    chunks.push(chunk as Buffer)
  }
  return { request: new Request(url, { method, headers, body: Buffer.concat(chunks) }) }
}

function unhandled(request: Request): Response {
  const message = `conform: the fake service has no handler for ${request.method} ${new URL(request.url).pathname} (it serves CodePipeline job calls and S3 artifact objects only)`
  return new Response(JSON.stringify({ __type: 'UnknownOperationException', message }), {
    status: 404,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' },
  })
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined
  if (body !== undefined && headers['content-length'] === undefined) headers['content-length'] = String(body.length)
  res.writeHead(response.status, headers)
  res.end(body)
}
