import { createHash } from 'node:crypto'
import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService } from '../fake-service.js'
import { serveOnLoopback } from '../serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../testing/job-spec-fixture.js'

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
let s3: S3Client

beforeEach(async () => {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  served = await serveOnLoopback(service)
})
afterEach(async () => {
  s3.destroy()
  service.close()
  await served.close()
})

function outputOfNewJob() {
  const spec = jobSpecFixture()
  service.enqueue([spec])
  s3 = new S3Client({ region: 'us-east-1', endpoint: served.url, forcePathStyle: true, credentials: service.job(spec.id)!.artifactCredentials, maxAttempts: 1 })
  const output = spec.outputArtifacts[0]!
  return { Bucket: output.bucketName, Key: output.objectKey }
}
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest()

describe('multipart upload to the fake S3, driven by @aws-sdk/client-s3', () => {
  it('writes the object on completion with S3\'s multipart ETag and the SSE-KMS headers of the upload, each step traced', async () => {
    const where = outputOfNewJob()
    const created = await s3.send(new CreateMultipartUploadCommand({ ...where, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1', ChecksumAlgorithm: 'CRC32' }))
    expect(created.ServerSideEncryption).toBe('aws:kms')
    const first = new Uint8Array(5 * 1024 * 1024).fill(1)
    const second = new TextEncoder().encode('the rest')
    const parts = []
    for (const [index, body] of [first, second].entries()) {
      const part = await s3.send(new UploadPartCommand({ ...where, UploadId: created.UploadId, PartNumber: index + 1, Body: body, ChecksumAlgorithm: 'CRC32' }))
      parts.push({ PartNumber: index + 1, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32 })
    }
    const completed = await s3.send(new CompleteMultipartUploadCommand({ ...where, UploadId: created.UploadId, MultipartUpload: { Parts: parts } }))
    expect(completed.ETag).toBe(`"${md5(Buffer.concat([md5(first), md5(second)])).toString('hex')}-2"`)
    const object = await s3.send(new GetObjectCommand(where))
    expect(object.ContentLength).toBe(first.length + second.length)
    expect(object.SSEKMSKeyId).toBe('arn:aws:kms:us-east-1:111122223333:key/k1')
    expect(service.trace.entries().map((e) => `${e.operation} ${e.response.status}`)).toEqual([
      'CreateMultipartUpload 200',
      'UploadPart 200',
      'UploadPart 200',
      'CompleteMultipartUpload 200',
      'GetObject 200',
    ])
    expect((service.trace.entries()[0]?.request as { headers: Record<string, string> }).headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe('arn:aws:kms:us-east-1:111122223333:key/k1')
  })

  it('refuses a small non-last part, a missing part, and an aborted upload as S3 does', async () => {
    const where = outputOfNewJob()
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand(where))
    const etags = []
    for (const n of [1, 2]) etags.push((await s3.send(new UploadPartCommand({ ...where, UploadId, PartNumber: n, Body: 'tiny' }))).ETag)
    const complete = (parts: { PartNumber: number; ETag?: string }[]) =>
      s3.send(new CompleteMultipartUploadCommand({ ...where, UploadId, MultipartUpload: { Parts: parts } })).catch((e: unknown) => e)
    expect(await complete([{ PartNumber: 1, ETag: etags[0] }, { PartNumber: 2, ETag: etags[1] }])).toMatchObject({ name: 'EntityTooSmall' })
    expect(await complete([{ PartNumber: 3, ETag: '"x"' }])).toMatchObject({ name: 'InvalidPart' })
    await s3.send(new AbortMultipartUploadCommand({ ...where, UploadId }))
    expect(await complete([{ PartNumber: 1, ETag: etags[0] }])).toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } })
  })
})
