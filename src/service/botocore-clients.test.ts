import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService } from './fake-service.js'
import { serveOnLoopback } from './serve.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from './testing/job-spec-fixture.js'

const run = promisify(execFile)

let service: FakeService
let served: Awaited<ReturnType<typeof serveOnLoopback>>

beforeEach(async () => {
  service = createFakeService({ region: 'us-east-1', workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  served = await serveOnLoopback(service)
})
afterEach(async () => {
  service.close()
  await served.close()
})

const env = () => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  AWS_ACCESS_KEY_ID: WORKER_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: WORKER_CREDENTIALS.secretAccessKey,
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_MAX_ATTEMPTS: '1',
  ENDPOINT: served.url,
  ACTION_TYPE: JSON.stringify(TEST_ACTION_TYPE),
})

const BOTO3_WORKER = `
import json, os, boto3
client = boto3.client('codepipeline', endpoint_url=os.environ['ENDPOINT'])
jobs = client.poll_for_jobs(actionTypeId=json.loads(os.environ['ACTION_TYPE']))['jobs']
try:
    client.acknowledge_job(jobId=jobs[0]['id'], nonce='not-' + jobs[0]['nonce'])
    outcome = 'acknowledged'
except client.exceptions.InvalidNonceException as error:
    outcome = type(error).__name__ + ': ' + error.response['Error']['Message']
print(json.dumps({'job': jobs[0]['id'], 'nonce': jobs[0]['nonce'], 'outcome': outcome}))
`

const BOTO3_ARTIFACTS = `
import json, os, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
creds = json.loads(os.environ['ARTIFACT_CREDENTIALS'])
def client(**extra):
    return boto3.client('s3', endpoint_url=os.environ['ENDPOINT'], config=Config(s3={'addressing_style': 'path'}), **extra)
s3 = client(aws_access_key_id=creds['accessKeyId'], aws_secret_access_key=creds['secretAccessKey'], aws_session_token=creds['sessionToken'])
body = s3.get_object(Bucket=os.environ['BUCKET'], Key=os.environ['INPUT_KEY'])['Body'].read().decode()
s3.put_object(Bucket=os.environ['BUCKET'], Key=os.environ['OUTPUT_KEY'], Body=b'boto3-output')
try:
    client(aws_access_key_id=creds['accessKeyId'], aws_secret_access_key=creds['secretAccessKey']).get_object(Bucket=os.environ['BUCKET'], Key=os.environ['INPUT_KEY'])
    without_token = 'accepted'
except ClientError as error:
    without_token = error.response['Error']['Code']
print(json.dumps({'input': body, 'withoutToken': without_token}))
`

describe('botocore clients against the loopback fake', () => {
  it('boto3 polls, and raises InvalidNonceException for a wrong nonce', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const { stdout } = await run('python3', ['-c', BOTO3_WORKER], { env: env() })
    expect(JSON.parse(stdout)).toEqual({ job: spec.id, nonce: '1', outcome: `InvalidNonceException: Nonce is not valid for job ${spec.id}` })
  })

  it('the AWS CLI poll-for-jobs returns the queued job', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const { stdout } = await run(
      'aws',
      ['codepipeline', 'poll-for-jobs', '--endpoint-url', served.url, '--action-type-id', 'category=Build,owner=Custom,provider=ConformBuild,version=1', '--output', 'json'],
      { env: env() },
    )
    const answer = JSON.parse(stdout) as { jobs: { id: string; nonce: string; data: { artifactCredentials: { accessKeyId: string } } }[] }
    expect(answer.jobs.map((j) => [j.id, j.nonce])).toEqual([[spec.id, '1']])
    expect(answer.jobs[0]?.data.artifactCredentials.accessKeyId).toBe(service.job(spec.id)?.artifactCredentials.accessKeyId)
    expect(service.trace.entries()[0]).toMatchObject({ operation: 'PollForJobs', accessKeyId: WORKER_CREDENTIALS.accessKeyId, signer: 'worker', signatureValid: true })
  })

  it('boto3 reads and writes artifacts with the artifact credentials, and is refused without the session token', async () => {
    const spec = jobSpecFixture()
    service.enqueue([spec])
    const input = spec.inputArtifacts[0]!
    const output = spec.outputArtifacts[0]!
    const { stdout } = await run('python3', ['-c', BOTO3_ARTIFACTS], {
      env: {
        ...env(),
        ARTIFACT_CREDENTIALS: JSON.stringify(service.job(spec.id)?.artifactCredentials),
        BUCKET: input.bucketName,
        INPUT_KEY: input.objectKey,
        OUTPUT_KEY: output.objectKey,
      },
    })
    expect(JSON.parse(stdout)).toEqual({ input: 'PK-input-zip', withoutToken: 'InvalidToken' })
    expect(service.trace.forJobs([spec.id]).map((e) => [e.operation, e.response.status, e.signer, e.signatureValid])).toEqual([
      ['GetObject', 200, 'artifact', true],
      ['PutObject', 200, 'artifact', true],
      ['GetObject', 400, 'artifact', true],
    ])
  })

  it('the AWS CLI signing with a wrong secret gets InvalidSignatureException', async () => {
    const failed = await run('aws', ['codepipeline', 'poll-for-jobs', '--endpoint-url', served.url, '--action-type-id', 'category=Build,owner=Custom,provider=ConformBuild,version=1'], {
      env: { ...env(), AWS_SECRET_ACCESS_KEY: 'not-the-secret' },
    }).then(
      () => ({ stderr: 'the AWS CLI succeeded' }),
      (error: unknown) => error as { stderr: string },
    )
    // The exit status differs between CLI v1 (255) and v2 (254); the message does not.
    expect(failed.stderr).toContain('An error occurred (InvalidSignatureException) when calling the PollForJobs operation: The request signature we calculated does not match')
    expect(service.trace.entries()[0]).toMatchObject({ signer: 'worker', signatureValid: false })
  })
})
