import { CodePipelineClient, CodePipelineServiceException, PollForJobsCommand } from '@aws-sdk/client-codepipeline'
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService, type FakeServiceOptions } from '../fake-service.js'
import { serveOnLoopback } from '../serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../testing/job-spec-fixture.js'
import { codePipelineHeaders, presignedUrl, signedRequest, type TestCredentials } from '../testing/sign-request.js'

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>
const destroyables: { destroy(): void }[] = []

async function start(options: Partial<FakeServiceOptions> = {}): Promise<void> {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000, ...options })
  served = await serveOnLoopback(service)
}
beforeEach(async () => start())
afterEach(async () => {
  for (const client of destroyables.splice(0)) client.destroy()
  service.close()
  await served.close()
})

function codePipeline(credentials: TestCredentials, region = 'us-east-1'): CodePipelineClient {
  const client = new CodePipelineClient({ region, endpoint: served.url, credentials, maxAttempts: 1 })
  destroyables.push(client)
  return client
}
function s3(credentials: TestCredentials, region = 'us-east-1'): S3Client {
  const client = new S3Client({ region, endpoint: served.url, forcePathStyle: true, credentials, maxAttempts: 1 })
  destroyables.push(client)
  return client
}
const poll = (client: CodePipelineClient) => client.send(new PollForJobsCommand({ actionTypeId: TEST_ACTION_TYPE })).catch((e: unknown) => e)
const lastEntry = () => service.trace.entries().at(-1)

function queueJob() {
  const spec = jobSpecFixture()
  service.enqueue([spec])
  const artifact = service.job(spec.id)?.artifactCredentials
  if (!artifact) throw new Error('job not queued')
  return { spec, artifact, input: spec.inputArtifacts[0]!, output: spec.outputArtifacts[0]! }
}

describe('SigV4 on the fake CodePipeline', () => {
  it("records a call signed with the worker's credentials as the worker's, with a valid signature", async () => {
    expect(await poll(codePipeline(WORKER_CREDENTIALS))).toMatchObject({ jobs: [] })
    expect(lastEntry()).toMatchObject({ accessKeyId: WORKER_CREDENTIALS.accessKeyId, signer: 'worker', signatureValid: true, response: { status: 200 } })
  })

  it('answers InvalidSignatureException to a wrong secret, showing the canonical request it expected', async () => {
    const error = await poll(codePipeline({ ...WORKER_CREDENTIALS, secretAccessKey: 'not-the-secret' }))
    expect(error).toBeInstanceOf(CodePipelineServiceException)
    expect(error).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } })
    const message = (error as Error).message
    expect(message.startsWith('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.')).toBe(true)
    expect(message).toContain("The Canonical String for this request should have been\n'POST\n/\n\n")
    expect(lastEntry()).toMatchObject({ signer: 'worker', signatureValid: false, response: { status: 400, errorType: 'InvalidSignatureException' } })
  })

  it('answers UnrecognizedClientException to an access key the run never issued', async () => {
    const error = await poll(codePipeline({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' }))
    expect(error).toMatchObject({ name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.', $metadata: { httpStatusCode: 400 } })
    expect(lastEntry()).toMatchObject({ accessKeyId: 'AKIAUNKNOWNKEY000000', signer: 'unknown' })
    expect(lastEntry()).not.toHaveProperty('signatureValid')
  })

  it('answers InvalidSignatureException to a credential scoped to another region', async () => {
    const error = await poll(codePipeline(WORKER_CREDENTIALS, 'eu-west-1'))
    expect(error).toMatchObject({ name: 'InvalidSignatureException', message: "Credential should be scoped to a valid region, not 'eu-west-1'." })
  })

  it("answers AccessDeniedException to a call signed with a job's artifact credentials, and records the artifact signer", async () => {
    const { spec, artifact } = queueJob()
    const error = await poll(codePipeline(artifact))
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::111122223333:assumed-role/CodePipelineArtifactAccess/${spec.id} is not authorized to perform: codepipeline:PollForJobs`,
      $metadata: { httpStatusCode: 400 },
    })
    expect(lastEntry()).toMatchObject({ accessKeyId: artifact.accessKeyId, signer: 'artifact', signatureValid: true })
    expect(service.job(spec.id)?.status).toBe('Queued')
  })

  it('answers UnrecognizedClientException to artifact credentials without their session token', async () => {
    const { artifact } = queueJob()
    const error = await poll(codePipeline({ accessKeyId: artifact.accessKeyId, secretAccessKey: artifact.secretAccessKey }))
    expect(error).toMatchObject({ name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' })
    expect(lastEntry()).toMatchObject({ signer: 'artifact', signatureValid: true })
  })

  it('answers MissingAuthenticationTokenException to an unsigned call, and a wrong service scope with InvalidSignatureException', async () => {
    const unsigned = await fetch(served.url, { method: 'POST', headers: codePipelineHeaders('PollForJobs'), body: '{}' })
    expect(unsigned.status).toBe(400)
    expect(await unsigned.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' })
    expect(lastEntry()).toMatchObject({ signer: 'unknown', response: { errorType: 'MissingAuthenticationTokenException' } })
    expect(lastEntry()).not.toHaveProperty('accessKeyId')

    const body = JSON.stringify({ actionTypeId: TEST_ACTION_TYPE })
    const asS3 = await signedRequest(served.url, { method: 'POST', headers: codePipelineHeaders('PollForJobs'), body }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 's3' })
    expect(await (await fetch(asS3)).json()).toEqual({ __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'codepipeline'." })
  })

  it("records but accepts a bad signature when created with signatures: 'record'", async () => {
    service.close()
    await served.close()
    await start({ signatures: 'record' })
    expect(await poll(codePipeline({ ...WORKER_CREDENTIALS, secretAccessKey: 'not-the-secret' }))).toMatchObject({ jobs: [] })
    expect(lastEntry()).toMatchObject({ signer: 'worker', signatureValid: false, response: { status: 200 } })
  })
})

describe('SigV4 on the fake S3', () => {
  const s3Error = async (client: S3Client, command: GetObjectCommand | PutObjectCommand): Promise<unknown> => client.send(command as never).catch((e: unknown) => e)

  it('verifies the artifact signature and session token of a put (streamed puts: s3/handlers.test.ts)', async () => {
    const { spec, artifact, output } = queueJob()
    const client = s3(artifact)
    await client.send(new PutObjectCommand({ Bucket: output.bucketName, Key: output.objectKey, Body: 'zip' }))
    const entries = service.trace.forJobs([spec.id])
    expect(entries.map((e) => [e.operation, e.response.status, e.signer, e.signatureValid])).toEqual([['PutObject', 200, 'artifact', true]])
  })

  it('answers SignatureDoesNotMatch (403) to a wrong secret', async () => {
    const { artifact, input } = queueJob()
    const error = await s3Error(s3({ ...artifact, secretAccessKey: 'not-the-secret' }), new GetObjectCommand({ Bucket: input.bucketName, Key: input.objectKey }))
    expect(error).toBeInstanceOf(S3ServiceException)
    expect(error).toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      $metadata: { httpStatusCode: 403 },
    })
    expect(lastEntry()).toMatchObject({ signer: 'artifact', signatureValid: false, response: { errorType: 'SignatureDoesNotMatch' } })
  })

  it('answers InvalidAccessKeyId (403) to an unknown key and InvalidToken (400) without the session token', async () => {
    const { artifact, input } = queueJob()
    const get = new GetObjectCommand({ Bucket: input.bucketName, Key: input.objectKey })
    expect(await s3Error(s3({ accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: 'x', sessionToken: 't' }), get)).toMatchObject({
      name: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
      $metadata: { httpStatusCode: 403 },
    })
    expect(await s3Error(s3({ accessKeyId: artifact.accessKeyId, secretAccessKey: artifact.secretAccessKey }), get)).toMatchObject({
      name: 'InvalidToken',
      message: 'The provided token is malformed or otherwise invalid.',
      $metadata: { httpStatusCode: 400 },
    })
    expect(await s3Error(s3({ ...artifact, sessionToken: `${artifact.sessionToken}x` }), get)).toMatchObject({ name: 'InvalidToken' })
  })

  it('answers AuthorizationHeaderMalformed to a credential scoped to another region', async () => {
    const { artifact, input } = queueJob()
    const error = await s3Error(s3(artifact, 'eu-west-1'), new GetObjectCommand({ Bucket: input.bucketName, Key: input.objectKey }))
    expect(error).toMatchObject({
      name: 'AuthorizationHeaderMalformed',
      message: "The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'",
      $metadata: { httpStatusCode: 400 },
    })
  })

  it("answers AccessDenied to an unsigned request and to the worker's own (valid) signature", async () => {
    const { input } = queueJob()
    const unsigned = await fetch(`${served.url}/${input.bucketName}/${input.objectKey}`)
    expect(unsigned.status).toBe(403)
    expect(await unsigned.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><RequestId>/)
    expect(lastEntry()).toMatchObject({ signer: 'unknown', response: { errorType: 'AccessDenied' } })
    expect(await s3Error(s3(WORKER_CREDENTIALS), new GetObjectCommand({ Bucket: input.bucketName, Key: input.objectKey }))).toMatchObject({ name: 'AccessDenied' })
    expect(lastEntry()).toMatchObject({ accessKeyId: WORKER_CREDENTIALS.accessKeyId, signer: 'worker', signatureValid: true, response: { errorType: 'AccessDenied' } })
  })

  it('checks the seed signature of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload (chunk signatures are not verified)', async () => {
    const { spec, artifact, output } = queueJob()
    const body = `3;chunk-signature=${'0'.repeat(64)}\r\nzip\r\n0;chunk-signature=${'0'.repeat(64)}\r\n\r\n`
    const url = `${served.url}/${output.bucketName}/${output.objectKey}`
    const headers = {
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'x-amz-decoded-content-length': '3',
      'x-amz-security-token': artifact.sessionToken,
    }
    const good = await signedRequest(url, { method: 'PUT', headers, body }, artifact, { region: 'us-east-1', service: 's3' })
    expect((await fetch(good)).status).toBe(200)
    const bad = await signedRequest(url, { method: 'PUT', headers, body }, { ...artifact, secretAccessKey: 'wrong' }, { region: 'us-east-1', service: 's3' })
    expect((await fetch(bad)).status).toBe(403)
    expect(service.trace.forJobs([spec.id]).map((e) => [e.response.status, e.signatureValid])).toEqual([
      [200, true],
      [403, false],
    ])
  })

  it('answers XAmzContentSHA256Mismatch when the declared payload hash is not the body’s', async () => {
    const { artifact, output } = queueJob()
    const url = `${served.url}/${output.bucketName}/${output.objectKey}`
    const headers = { 'x-amz-content-sha256': 'a'.repeat(64), 'x-amz-security-token': artifact.sessionToken }
    const request = await signedRequest(url, { method: 'PUT', headers, body: 'zip' }, artifact, { region: 'us-east-1', service: 's3' })
    const response = await fetch(request)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>')
  })

  it('verifies a presigned GET, session token in the query', async () => {
    const { spec, artifact, input } = queueJob()
    const url = `${served.url}/${input.bucketName}/${input.objectKey}`
    const good = await fetch(await presignedUrl(url, artifact, { region: 'us-east-1' }))
    expect(await good.text()).toBe('PK-input-zip')
    const bad = await fetch(await presignedUrl(url, { ...artifact, secretAccessKey: 'wrong' }, { region: 'us-east-1' }))
    expect(bad.status).toBe(403)
    expect(service.trace.forJobs([spec.id]).map((e) => [e.response.status, e.signer, e.signatureValid])).toEqual([
      [200, 'artifact', true],
      [403, 'artifact', false],
    ])
  })
})
