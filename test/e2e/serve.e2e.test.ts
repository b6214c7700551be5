import { spawn } from 'node:child_process'
import { AcknowledgeJobCommand, CodePipelineClient, PollForJobsCommand } from '@aws-sdk/client-codepipeline'
import { describe, expect, it } from 'vitest'
import type { TraceEntry } from '../../src/service/trace/trace-entry.js'
import { REPO } from '../support/run-cli.js'

describe('conform serve', () => {
  it('serves the fake until Ctrl-C, printing what to export and how to queue jobs and read the trace', async () => {
    const child = spawn(process.execPath, ['bin/conform.js', 'serve', '--action-type', 'Build/ServeTest/1'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.setEncoding('utf8')
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk
        if (stdout.includes('Ctrl-C stops it.')) resolve()
      }),
    )
    const lines = stdout.split('\n')
    expect(lines[0]).toMatch(/^conform serve: the fake CodePipeline and S3 for Build\/Custom\/ServeTest\/1 listen on http:\/\/127\.0\.0\.1:\d+$/)
    const exported = Object.fromEntries([...stdout.matchAll(/(AWS_[A-Z_]+)='?([^ '\n]+)'?/g)].map((m) => [m[1], m[2]]))
    const [, token, control] = /Bearer ([0-9a-f]+)' -d .* (http:\/\/127\.0\.0\.1:\d+)\/jobs/.exec(stdout) ?? []
    const headers = { authorization: `Bearer ${token}` }

    const queued = (await (await fetch(`${control}/jobs`, { method: 'POST', headers, body: JSON.stringify({ behaviour: 'stolen', seed: 7 }) })).json()) as { jobs: { id: string }[] }
    expect(queued.jobs).toHaveLength(1)
    const client = new CodePipelineClient({
      region: exported['AWS_REGION'],
      endpoint: exported['AWS_ENDPOINT_URL_CODEPIPELINE'],
      credentials: { accessKeyId: exported['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: exported['AWS_SECRET_ACCESS_KEY'] ?? '' },
    })
    const [job] = (await client.send(new PollForJobsCommand({ actionTypeId: { category: 'Build', owner: 'Custom', provider: 'ServeTest', version: '1' } }))).jobs ?? []
    expect(job?.id).toBe(queued.jobs[0]?.id)
    await expect(client.send(new AcknowledgeJobCommand({ jobId: job?.id, nonce: job?.nonce }))).rejects.toMatchObject({ name: 'InvalidNonceException' })
    client.destroy()

    const trace = (await (await fetch(`${control}/trace`, { headers })).json()) as TraceEntry[]
    expect(trace.map((entry) => [entry.operation, entry.response.status, entry.response.errorType])).toEqual([
      ['PollForJobs', 200, undefined],
      ['AcknowledgeJob', 400, 'InvalidNonceException'],
    ])
    child.kill('SIGINT')
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0)
  })
})
