/**
 * autocannon in a process of its own, so the load generator and the server
 * under test do not share an event loop (nor, on two cores, one core's worth
 * of time). Used by bench/fake-latency.ts and bench/fake-capacity.ts.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../src/service/testing/job-spec-fixture.js'
import { codePipelineHeaders, signedRequest } from '../src/service/testing/sign-request.js'

export interface CannonRequest {
  headers: Record<string, string>
  body: string
}

/** A PollForJobs to `url`, signed with the test worker's credentials (and `extra` headers, signed too), as autocannon replays it. */
export async function signedPoll(url: string, extra: Record<string, string> = {}): Promise<CannonRequest> {
  const poll = await signedRequest(`${url}/`, { method: 'POST', headers: { ...codePipelineHeaders('PollForJobs'), ...extra }, body: JSON.stringify({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize: 1 }) }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 'codepipeline' })
  const headers: Record<string, string> = {}
  poll.headers.forEach((value, name) => (headers[name] = value))
  return { headers, body: await poll.text() }
}

/**
 * Sends these requests over 16 connections for `seconds` (each connection
 * cycles through the list; one request is replayed as it is); resolves with
 * autocannon's average requests per second. A list travels through a file:
 * a few thousand signed requests are too long for a command line.
 */
export function requestsPerSecond(url: string, requests: CannonRequest | CannonRequest[], seconds: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'conform-cannon-'))
  const file = join(dir, 'requests.json')
  writeFileSync(file, JSON.stringify((Array.isArray(requests) ? requests : [requests]).map((r) => ({ method: 'POST', path: '/', headers: r.headers, body: r.body }))))
  const script = `
    const autocannon = require('autocannon')
    const [url, file, duration] = JSON.parse(process.argv[1])
    const requests = JSON.parse(require('node:fs').readFileSync(file, 'utf8'))
    autocannon({ url, requests, connections: 16, duration }, (error, result) => {
      if (error) throw error
      if (result.non2xx > 0) throw new Error(result.non2xx + ' non-2xx answers from ' + url)
      process.stdout.write(String(result.requests.average))
    })`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify([url, file, seconds])], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true })
      if (code === 0) resolve(Number(out))
      else reject(new Error(`autocannon exited ${code}`))
    })
  })
}
