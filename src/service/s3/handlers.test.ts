import { Readable } from 'node:stream'
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService } from '../fake-service.js'
import { serveOnLoopback } from '../serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../testing/job-spec-fixture.js'

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
const clients: S3Client[] = []

beforeEach(async () => {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  served = await serveOnLoopback(service)
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  service.close()
  await served.close()
})

function s3For(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): S3Client {
  const client = new S3Client({ region: 'us-east-1', endpoint: served.url, forcePathStyle: true, credentials, maxAttempts: 1 })
  clients.push(client)
  return client
}

function queueJob() {
  const spec = jobSpecFixture()
  service.enqueue([spec])
  const credentials = service.job(spec.id)?.artifactCredentials
  if (!credentials) throw new Error('job not queued')
  return { spec, s3: s3For(credentials), input: spec.inputArtifacts[0]!, output: spec.outputArtifacts[0]! }
}

describe('the fake S3, driven by @aws-sdk/client-s3 with the artifact credentials', () => {
  it("serves a present input artifact to the job's credentials and traces the call", async () => {
    const { spec, s3, input } = queueJob()
    const object = await s3.send(new GetObjectCommand({ Bucket: input.bucketName, Key: input.objectKey }))
    expect(await object.Body?.transformToString()).toBe('PK-input-zip')
    const head = await s3.send(new HeadObjectCommand({ Bucket: input.bucketName, Key: input.objectKey }))
    expect(head.ContentLength).toBe(12)
    expect(service.trace.forJobs([spec.id]).map((e) => [e.service, e.operation, e.response.status, e.accessKeyId])).toEqual([
      ['s3', 'GetObject', 200, service.job(spec.id)?.artifactCredentials.accessKeyId],
      ['s3', 'HeadObject', 200, service.job(spec.id)?.artifactCredentials.accessKeyId],
    ])
  })

  it('answers NoSuchKey for an artifact the scenario left missing', async () => {
    const spec = jobSpecFixture({
      inputArtifacts: [{ name: 'SourceOutput', bucketName: 'artifact-bucket', objectKey: 'demo/missing', content: { kind: 'missing' } }],
    })
    service.enqueue([spec])
    const s3 = s3For(service.job(spec.id)!.artifactCredentials)
    await expect(s3.send(new GetObjectCommand({ Bucket: 'artifact-bucket', Key: 'demo/missing' }))).rejects.toBeInstanceOf(NoSuchKey)
    expect(service.trace.forJobs([spec.id])[0]?.response).toMatchObject({ status: 404, errorType: 'NoSuchKey' })
  })

  it("answers AccessDenied to the worker's own key, to another job's key, and for a key that is not an output", async () => {
    const first = queueJob()
    const second = queueJob()
    const denied = async (client: S3Client, command: GetObjectCommand | PutObjectCommand): Promise<unknown> => client.send(command as never).catch((e: unknown) => e)
    for (const client of [s3For(WORKER_CREDENTIALS), second.s3]) {
      const error = await denied(client, new GetObjectCommand({ Bucket: first.input.bucketName, Key: first.input.objectKey }))
      expect(error).toBeInstanceOf(S3ServiceException)
      expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
    }
    const put = await denied(first.s3, new PutObjectCommand({ Bucket: first.input.bucketName, Key: first.input.objectKey, Body: 'overwrite' }))
    expect(put).toMatchObject({ name: 'AccessDenied' })
    const entries = service.trace.forJobs([first.spec.id])
    expect(entries.map((e) => [e.operation, e.response.errorType, e.accessKeyId])).toEqual([
      ['GetObject', 'AccessDenied', WORKER_CREDENTIALS.accessKeyId],
      ['GetObject', 'AccessDenied', service.job(second.spec.id)?.artifactCredentials.accessKeyId],
      ['PutObject', 'AccessDenied', service.job(first.spec.id)?.artifactCredentials.accessKeyId],
    ])
  })

  it('stores an output artifact sent with the default checksums, buffered or streamed (aws-chunked), recording SSE headers', async () => {
    const { spec, s3, output } = queueJob()
    await s3.send(
      new PutObjectCommand({ Bucket: output.bucketName, Key: output.objectKey, Body: 'zip-bytes', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/artifacts' }),
    )
    const back = await s3.send(new GetObjectCommand({ Bucket: output.bucketName, Key: output.objectKey }))
    expect(await back.Body?.transformToString()).toBe('zip-bytes')
    expect(back.ServerSideEncryption).toBe('aws:kms')

    const streamed = 'streamed-'.repeat(10_000)
    await s3.send(new PutObjectCommand({ Bucket: output.bucketName, Key: output.objectKey, Body: Readable.from([Buffer.from(streamed)]), ContentLength: streamed.length }))
    const again = await s3.send(new GetObjectCommand({ Bucket: output.bucketName, Key: output.objectKey }))
    expect(await again.Body?.transformToString()).toBe(streamed)

    const puts = service.trace.forJobs([spec.id]).filter((e) => e.operation === 'PutObject')
    const key = service.job(spec.id)?.artifactCredentials.accessKeyId
    expect(puts.map((e) => [e.response.status, e.accessKeyId, e.signer, e.signatureValid])).toEqual([
      [200, key, 'artifact', true],
      [200, key, 'artifact', true],
    ])
    expect(puts[0]?.request).toMatchObject({
      bucket: output.bucketName,
      key: output.objectKey,
      contentLength: 9,
      headers: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/artifacts' },
    })
    expect(puts[0]?.request).not.toHaveProperty('headers.authorization')
    expect(puts[1]?.request).toMatchObject({ contentLength: streamed.length, headers: { 'content-encoding': 'aws-chunked' } })
    expect((puts[1]?.request as { trailers?: Record<string, string> }).trailers).toHaveProperty('x-amz-checksum-crc32')
  })
})
