import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Scenario } from '../scenarios/scenario.js'
import type { PlayedScenario } from '../suite/control-client.js'

/** What the control server asks of the session: play one scenario and tell what happened. */
export type PlayHandler = (scenario: Scenario, deadlineMs: number) => Promise<PlayedScenario>

/**
 * The loopback endpoint through which the suites (in Vitest workers) drive
 * the session (in the CLI's process). It sits on its own port with a bearer
 * token, apart from the fake service, so the worker under test cannot reach it.
 */
export async function startControlServer(play: PlayHandler): Promise<{ url: string; token: string; close(): Promise<void> }> {
  const token = randomBytes(24).toString('hex')
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, { error: 'bad control token' })
    if (request.method !== 'POST' || request.url !== '/play') return send(response, 404, { error: 'unknown control call' })
    const body = JSON.parse(await readBody(request)) as { scenario: Scenario; deadlineMs: number }
    try {
      send(response, 200, await play(body.scenario, body.deadlineMs))
    } catch (error) {
      send(response, 503, { error: error instanceof Error ? error.message : String(error) })
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
