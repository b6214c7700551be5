import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isConformError } from '../errors/conform-error.js'

/** A control call the caller got wrong: answered with this status (400 a bad request, 404 nothing by that name) and the message. */
export class ControlRefusal extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message)
  }
}

/** One control call: its JSON body (undefined for GET) and the path's tail after the route, to the answer. */
export type ControlRoute = (body: unknown, rest: string) => Promise<unknown>

/**
 * The loopback endpoint through which the suites (in Vitest workers), or a
 * person running `conform serve`, drive the fake. It sits on its own port
 * with a bearer token, apart from the fake service, so the worker under test
 * cannot reach it. Routes are `"METHOD /path"`; a route also serves the paths
 * below it (`GET /jobs` serves `/jobs/<id>`, with `<id>` as `rest`).
 */
export async function startControlServer(routes: Record<string, ControlRoute>): Promise<{ url: string; token: string; close(): Promise<void> }> {
  const token = randomBytes(24).toString('hex')
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, { error: 'bad control token' })
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    const match = Object.entries(routes).find(([key]) => {
      const [method, route] = key.split(' ')
      return method === request.method && (path === route || path.startsWith(`${route}/`))
    })
    if (!match) return send(response, 404, { error: `unknown control call ${request.method} ${path}; known: ${Object.keys(routes).join(', ')}` })
    const [key, route] = match
    const text = request.method === 'GET' ? '' : await readBody(request)
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      return send(response, 400, { error: 'the body is not JSON' })
    }
    let rest: string
    try {
      rest = decodeURIComponent(path.slice((key.split(' ')[1] ?? '').length + 1))
    } catch {
      return send(response, 400, { error: `the path ${path} is not valid percent-encoding` })
    }
    try {
      send(response, 200, await route(body, rest))
    } catch (error) {
      // The caller's mistake (a refusal, or conform's usage error) is theirs to fix: 4xx; anything else is ours: 500.
      const status = error instanceof ControlRefusal ? error.status : isConformError(error) && error.code === 'CONFORM_USAGE' ? 400 : 500
      send(response, status, { error: error instanceof Error ? error.message : String(error) })
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  server.keepAliveTimeout = 60_000
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}
