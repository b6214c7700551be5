/**
 * Entry point of the worker thread that runs an in-process worker module
 * (worker contract, section 4). MSW intercepts every request the module's
 * SDK clients make and forwards it to the fake in the main thread; the
 * module's `run({ signal })` is stopped by aborting the signal.
 */
import { pathToFileURL } from 'node:url'
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { http } from 'msw'
import { setupServer } from 'msw/node'
import type { PortRequest, PortResponse } from '../service/serve-over-port.js'

const { modulePath, servicePort } = workerData as { modulePath: string; servicePort: MessagePort }
const pending = new Map<number, (response: PortResponse) => void>()
let nextId = 1
servicePort.on('message', (response: PortResponse) => {
  pending.get(response.id)?.(response)
  pending.delete(response.id)
})

const server = setupServer(
  http.all('*', async ({ request }) => {
    const id = nextId++
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer()
    const message: PortRequest = { id, method: request.method, url: request.url, headers: [...request.headers], body }
    const answered = new Promise<PortResponse>((resolve) => pending.set(id, resolve))
    servicePort.postMessage(message, body ? [body] : [])
    const response = await answered
    if (response.closed) return Response.error()
    return new Response(response.status === 204 || response.status === 304 ? null : response.body, { status: response.status, headers: response.headers })
  }),
)
server.listen({ onUnhandledRequest: 'error' })

const controller = new AbortController()
parentPort?.on('message', (message: unknown) => {
  if (message === 'stop') controller.abort()
})

const url = pathToFileURL(modulePath).href
const module = (modulePath.endsWith('.ts') ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url)) as {
  run?: (options: { signal: AbortSignal }) => Promise<void>
}
if (typeof module.run !== 'function') throw new Error(`${modulePath} exports no run({ signal }) function`)
await module.run({ signal: controller.signal })
server.close()
servicePort.close()
// run() has returned: the worker is done. A timer or socket it left behind must not keep
// the thread alive until conform's grace runs out (process.exit ends only this thread).
process.exit(0)
