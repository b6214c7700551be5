/**
 * autocannon in a process of its own, so the load generator and the server
 * under test do not share an event loop (nor, on two cores, one core's worth
 * of time). Used by bench/fake-latency.ts and bench/fake-capacity.ts.
 */
import { spawn } from 'node:child_process'

/** Replays one request over 16 connections for `seconds`; resolves with autocannon's average requests per second. */
export function requestsPerSecond(url: string, request: { headers: Record<string, string>; body: string }, seconds: number): Promise<number> {
  const script = `
    const autocannon = require('autocannon')
    const [url, headers, body, duration] = JSON.parse(process.argv[1])
    autocannon({ url, method: 'POST', headers, body, connections: 16, duration }, (error, result) => {
      if (error) throw error
      if (result.non2xx > 0) throw new Error(result.non2xx + ' non-2xx answers from ' + url)
      process.stdout.write(String(result.requests.average))
    })`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify([url, request.headers, request.body, seconds])], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`autocannon exited ${code}`))))
  })
}
