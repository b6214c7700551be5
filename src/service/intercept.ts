import type { RequestHandler } from 'msw'
import { setupServer } from 'msw/node'

/**
 * In-process mode: the same handlers intercept the process's own HTTP traffic
 * (no port opened), for workers running inside the test process. Any request
 * the handlers do not answer is an error, never a call to real AWS.
 *
 * @example
 * const interception = interceptInProcess(service.handlers)
 * // new CodePipelineClient({ region: 'us-east-1' }) now talks to the fake
 * interception.close()
 */
export function interceptInProcess(handlers: RequestHandler[]): { close(): void } {
  const server = setupServer(...handlers)
  server.listen({ onUnhandledRequest: 'error' })
  return { close: () => server.close() }
}
