/**
 * The floor both fake benches measure against: a bare node:http server on
 * 127.0.0.1 answering every request with PollForJobs' empty answer (the same
 * status, headers and body the fake gives), counting what it answered.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export async function floorServer(): Promise<{ url: string; answered(): number; close(): void }> {
  const body = '{"jobs":[]}'
  let answered = 0
  const server = createServer((req, res) => {
    answered++
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(body.length), 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000' })
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered: () => answered,
    close: () => {
      server.close()
      server.closeAllConnections()
    },
  }
}

/** The middle value (the upper one of an even count), as the benches report rounds. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
