import { describe, expect, it } from 'vitest'
import type { OutputLine } from '../../report/results.js'
import type { ActionTypeId } from '../../service/jobs/job-spec.js'
import { outcome, scenarioOf, scenarioWith, TraceBuilder } from '../../../test/support/trace-builder.js'
import type { Evidence } from '../rule.js'
import { ACK_002 } from './ack-002.js'
import { ACK_003 } from './ack-003.js'
import { ART_001 } from './art-001.js'
import { ART_002 } from './art-002.js'
import { POLL_001 } from './poll-001.js'
import { RESULT_003 } from './result-003.js'
import { SEC_001 } from './sec-001.js'

const J = '11111111-2222-4333-8444-555555555555'
const K = '66666666-7777-4888-9999-aaaaaaaaaaaa'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'
const TOKEN = `IQoJb3JpZ2luX2Vj${'AbCdEfGh0123+/'.repeat(30)}`
const credentials = { accessKeyId: 'ASIAJOBJOBJOBJOBJOB1', secretAccessKey: SECRET, sessionToken: TOKEN }
/** A dispatch of J carrying its artifact credentials, as PollForJobs answers it. */
const dispatchJ = (nonce = '1') => ({ id: J, nonce, data: { artifactCredentials: credentials } })
const evidence = (partial: Partial<Evidence> & Pick<Evidence, 'trace'>): Evidence => ({ scenario: scenarioOf(J), outcomes: [], output: [], ...partial })
const line = (text: string, stream: OutputLine['stream'] = 'stdout'): OutputLine => ({ at: 15, stream, text })

describe('ACK-003 acknowledge before touching artifacts', () => {
  it('passes artifact access after the acknowledgement answered InProgress', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).getObject(J).success(J).build()
    expect(ACK_003.check(evidence({ trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a prefetch before the acknowledgement, naming the call', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).getObject(J).ack(J, '1', { status: 'InProgress' }).success(J).build()
    expect(ACK_003.check(evidence({ trace })).findings).toEqual([
      {
        jobId: J,
        seq: 2,
        message: `The worker accessed an artifact of job ${J} before AcknowledgeJob had answered InProgress for it.`,
        expected: ["AcknowledgeJob answering InProgress before any S3 call for the job's artifacts"],
        actual: 'GetObject #2 at 20 ms -> 200 on s3://b/k, before any AcknowledgeJob call for the dispatch of PollForJobs #1',
      },
    ])
  })
  it('fails access after InvalidNonceException: the job was never ours', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { error: 'InvalidNonceException' }).getObject(J).build()
    expect(ACK_003.check(evidence({ trace })).findings[0]?.actual).toBe('GetObject #3 at 30 ms -> 200 on s3://b/k, after AcknowledgeJob #2 at 20 ms -> 400 InvalidNonceException')
  })
  it('judges a re-dispatched job against the acknowledgement of its new dispatch', () => {
    const trace = new TraceBuilder()
      .poll([{ id: J, nonce: '1' }])
      .ack(J, '1', { status: 'Queued' })
      .poll([{ id: J, nonce: '2' }])
      .getObject(J)
      .ack(J, '2', { status: 'InProgress' })
      .build()
    expect(ACK_003.check(evidence({ trace })).findings.map((f) => f.seq)).toEqual([4])
    // ...and ACK-002 leaves that call alone: one bug, one rule.
    expect(ACK_002.check(evidence({ trace })).verdict).toBe('pass')
  })
  it('leaves access after a non-InProgress answer to ACK-002, and a never-acknowledged reported job to ACK-001', () => {
    const refused = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'TimedOut' }).getObject(J).build()
    expect(ACK_003.check(evidence({ trace: refused })).verdict).toBe('unknown')
    expect(ACK_002.check(evidence({ trace: refused })).verdict).toBe('fail')
    const unclaimed = new TraceBuilder().poll([{ id: J, nonce: '1' }]).getObject(J).success(J, 'InvalidJobStateException').build()
    expect(ACK_003.check(evidence({ trace: unclaimed })).verdict).toBe('unknown')
  })
  it('fails access to a job never acknowledged and never reported', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).getObject(J).build()
    expect(ACK_003.check(evidence({ trace })).verdict).toBe('fail')
  })
})

describe("ART-001 sign artifact access with the job's credentials", () => {
  it("passes calls signed with the access key the job's dispatch handed out", () => {
    const trace = new TraceBuilder().poll([dispatchJ()]).ack(J, '1', { status: 'InProgress' }).s3('GetObject', J, { accessKeyId: credentials.accessKeyId }).build()
    expect(ART_001.check(evidence({ trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it("fails a call signed with the worker's own key, saying which key was expected", () => {
    const trace = new TraceBuilder()
      .poll([dispatchJ()])
      .ack(J, '1', { status: 'InProgress' })
      .s3('GetObject', J, { bucket: 'codepipeline-us-east-1-1', key: 'p/Src/abc', accessKeyId: 'AKIAWORKERWORKER0001', answer: 'AccessDenied' })
      .build()
    expect(ART_001.check(evidence({ trace })).findings).toEqual([
      {
        jobId: J,
        seq: 3,
        message: `The worker accessed an artifact of job ${J} without signing with the job's artifactCredentials.`,
        expected: ["signed with access key ASIAJOBJOBJOBJOBJOB1 (the job's artifactCredentials)"],
        actual: 'GetObject #3 at 30 ms -> 400 AccessDenied on s3://codepipeline-us-east-1-1/p/Src/abc, signed with AKIAWORKERWORKER0001',
      },
    ])
  })
  it("fails another job's credentials and an unsigned call", () => {
    const trace = new TraceBuilder()
      .poll([dispatchJ(), { id: K, nonce: '1', data: { artifactCredentials: { ...credentials, accessKeyId: 'ASIAKKKKKKKKKKKKKKK1' } } }])
      .s3('GetObject', J, { accessKeyId: 'ASIAKKKKKKKKKKKKKKK1' })
      .s3('GetObject', J)
      .build()
    expect(ART_001.check(evidence({ trace, scenario: scenarioOf(J, K) })).findings.map((f) => f.actual)).toEqual([
      'GetObject #2 at 20 ms -> 200 on s3://b/k, signed with ASIAKKKKKKKKKKKKKKK1',
      'GetObject #3 at 30 ms -> 200 on s3://b/k, signed with no SigV4 access key',
    ])
  })
  it('accepts credentials from a later GetJobDetails answer', () => {
    const trace = new TraceBuilder()
      .poll([dispatchJ()])
      .call('GetJobDetails', J, { jobId: J })
      .build()
    const entry = trace[1]!
    trace[1] = { ...entry, response: { status: 200, body: { jobDetails: { id: J, data: { artifactCredentials: { ...credentials, accessKeyId: 'ASIAFRESHFRESHFRESH1' } } } } } }
    trace.push({ seq: 3, at: 30, service: 's3', operation: 'GetObject', jobId: J, accessKeyId: 'ASIAFRESHFRESHFRESH1', request: { bucket: 'b', key: 'k', headers: {} }, response: { status: 200 } })
    expect(ART_001.check(evidence({ trace })).verdict).toBe('pass')
  })
  it('is unknown when the worker touched no artifact', () => {
    expect(ART_001.check(evidence({ trace: new TraceBuilder().poll([dispatchJ()]).build() })).verdict).toBe('unknown')
  })
})

describe("ART-002 upload outputs with SSE-KMS and the job's key", () => {
  const KEY = 'arn:aws:kms:us-east-1:123456789012:alias/pipeline'
  const output = { name: 'Out', bucketName: 'b', objectKey: 'p/Out/1' }
  const scenario = (encryptionKey?: { id: string; type: 'KMS' }) => scenarioWith({ id: J, outputArtifacts: [output], ...(encryptionKey ? { encryptionKey } : {}) })
  const put = (headers: Record<string, string>, key = 'p/Out/1') => new TraceBuilder().s3('PutObject', J, { key, headers }).build()
  it('passes aws:kms without a key id when the job names no key, and with the key id when it does', () => {
    expect(ART_002.check(evidence({ scenario: scenario(), trace: put({ 'x-amz-server-side-encryption': 'aws:kms' }) })).verdict).toBe('pass')
    const withKey = put({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': KEY })
    expect(ART_002.check(evidence({ scenario: scenario({ id: KEY, type: 'KMS' }), trace: withKey })).verdict).toBe('pass')
  })
  it("fails an upload that ignores the job's encryptionKey", () => {
    const judgement = ART_002.check(evidence({ scenario: scenario({ id: KEY, type: 'KMS' }), trace: put({ 'x-amz-server-side-encryption': 'aws:kms' }) }))
    expect(judgement.findings).toEqual([
      {
        jobId: J,
        seq: 1,
        message: `The worker uploaded an output artifact of job ${J} without the KMS key the job's encryptionKey names.`,
        expected: [`x-amz-server-side-encryption: aws:kms with x-amz-server-side-encryption-aws-kms-key-id: ${KEY} (the job's encryptionKey.id)`],
        actual: 'PutObject #1 at 10 ms -> 200 on s3://b/p/Out/1 with no x-amz-server-side-encryption-aws-kms-key-id header',
      },
    ])
  })
  it('fails no encryption, AES256 and another key id', () => {
    expect(ART_002.check(evidence({ scenario: scenario(), trace: put({}) })).findings[0]?.actual).toBe(
      'PutObject #1 at 10 ms -> 200 on s3://b/p/Out/1 with no x-amz-server-side-encryption header',
    )
    expect(ART_002.check(evidence({ scenario: scenario(), trace: put({ 'x-amz-server-side-encryption': 'AES256' }) })).findings[0]?.message).toBe(
      `The worker uploaded an output artifact of job ${J} without SSE-KMS.`,
    )
    const other = put({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/other' })
    expect(ART_002.check(evidence({ scenario: scenario({ id: KEY, type: 'KMS' }), trace: other })).verdict).toBe('fail')
  })
  it("judges only writes to the job's output keys, and is unknown without one", () => {
    expect(ART_002.check(evidence({ scenario: scenario(), trace: put({}, 'p/Src/1') })).verdict).toBe('unknown')
  })
})

describe('SEC-001 never print or report the artifact credentials', () => {
  const handedOut = () => new TraceBuilder().poll([dispatchJ()]).ack(J, '1', { status: 'InProgress' })
  it('passes output and results free of the secrets (an SDK deprecation warning included)', () => {
    const output = [line(`polled job ${J}`), line('(node:12) NOTE: The AWS SDK for JavaScript (v3) will no longer support Node.js 20.x on ...', 'stderr')]
    const trace = handedOut().failure(J, { type: 'JobFailed', message: 'NoSuchKey: The specified key does not exist.' }).build()
    expect(SEC_001.check(evidence({ trace, output }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a printed secret key, showing the place with the secret replaced', () => {
    const judgement = SEC_001.check(evidence({ trace: handedOut().build(), output: [line(`    "secretAccessKey": "${SECRET}",`, 'stderr')] }))
    expect(judgement.findings).toEqual([
      {
        jobId: J,
        message: `The worker printed (on stderr) the secretAccessKey of job ${J}'s artifactCredentials.`,
        expected: ["no line of the worker's output containing the job's secretAccessKey or sessionToken"],
        actual: 'stderr at 15 ms:     "secretAccessKey": "<secretAccessKey>",',
      },
    ])
  })
  it('finds a session token cut short by the line limit, and never repeats any of it', () => {
    const text = `{"accessKeyId":"x","secretAccessKey":"${SECRET}","sessionToken":"${TOKEN.slice(0, 100)}`
    const [finding] = SEC_001.check(evidence({ trace: handedOut().build(), output: [line(text)] })).findings
    expect(finding?.actual).toBe('stdout at 15 ms: {"accessKeyId":"x","secretAccessKey":"<secretAccessKey>","sessionToken":"<sessionToken>')
    expect(finding?.actual).not.toContain(TOKEN.slice(16, 40))
  })
  it('fails a result body carrying the token', () => {
    const trace = handedOut().failure(J, { type: 'JobFailed', message: `request failed: X-Amz-Security-Token=${TOKEN}` }).build()
    const [finding] = SEC_001.check(evidence({ trace })).findings
    expect(finding?.message).toBe(`The worker sent CodePipeline (in PutJobFailureResult) the sessionToken of job ${J}'s artifactCredentials.`)
    expect(finding?.seq).toBe(3)
    // 40 characters of context before the secret, up to 120 from it.
    expect(finding?.actual).toBe('PutJobFailureResult #3 at 30 ms -> 200, body: ...":"request failed: X-Amz-Security-Token=<sessionToken>"}}')
  })
  it('is unknown when no job was handed out', () => {
    expect(SEC_001.check(evidence({ trace: new TraceBuilder().poll([]).build() })).verdict).toBe('unknown')
  })
})

describe('RESULT-003 a job that could not be done is reported as failed', () => {
  const missing = { name: 'Src', bucketName: 'b', objectKey: 'p/Src/1', content: { kind: 'missing' } as const }
  const scenario = scenarioWith({ id: J, inputArtifacts: [missing] })
  const tried = () => new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).s3('GetObject', J, { key: 'p/Src/1', answer: 'NoSuchKey' })
  it('passes a failure report', () => {
    expect(RESULT_003.check(evidence({ scenario, trace: tried().failure(J, { type: 'JobFailed', message: 'gone' }).build() }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a success for a job whose input could not be read', () => {
    expect(RESULT_003.check(evidence({ scenario, trace: tried().success(J).build() })).findings).toEqual([
      {
        jobId: J,
        seq: 4,
        message: `The worker reported success for job ${J}, whose input artifact it could not read.`,
        expected: ['PutJobFailureResult for the job', 'no PutJobSuccessResult'],
        actual: 'PutJobSuccessResult #4 at 40 ms -> 200, after GetObject #3 at 30 ms -> 400 NoSuchKey on s3://b/p/Src/1',
      },
    ])
  })
  it('leaves a success sent after an accepted failure to RESULT-001', () => {
    const trace = tried().failure(J, { type: 'JobFailed', message: 'gone' }).success(J, 'InvalidJobStateException').build()
    expect(RESULT_003.check(evidence({ scenario, trace })).verdict).toBe('pass')
  })
  it('is unknown when the worker never tried the missing input, or never owned the job', () => {
    const untried = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J).build()
    expect(RESULT_003.check(evidence({ scenario, trace: untried })).verdict).toBe('unknown')
    const unowned = new TraceBuilder().poll([{ id: J, nonce: '1' }]).s3('GetObject', J, { key: 'p/Src/1', answer: 'NoSuchKey' }).success(J, 'InvalidJobStateException').build()
    expect(RESULT_003.check(evidence({ scenario, trace: unowned })).verdict).toBe('unknown')
  })
})

describe('POLL-001 poll for exactly the configured action type', () => {
  const type: ActionTypeId = { category: 'Build', owner: 'Custom', provider: 'ConformReference', version: '1' }
  const scenario = scenarioWith({ id: J, actionTypeId: type })
  it('passes polls for exactly the type, with or without a batch size', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }], { request: { actionTypeId: type, maxBatchSize: 1 } }).poll([], { request: { actionTypeId: type } }).build()
    expect(POLL_001.check(evidence({ scenario, trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a stale version once, counting the repeats', () => {
    const stale = { request: { actionTypeId: { ...type, version: '0' }, maxBatchSize: 1 }, error: 'ActionTypeNotFoundException' }
    const trace = new TraceBuilder().poll([], stale).poll([{ id: J, nonce: '1' }], { request: { actionTypeId: type } }).poll([], stale).build()
    expect(POLL_001.check(evidence({ scenario, trace })).findings).toEqual([
      {
        seq: 1,
        message: 'The worker polled for an action type other than the one it is configured for, or with an invalid batch size: actionTypeId.version "0" instead of "1".',
        expected: ['actionTypeId {"category":"Build","owner":"Custom","provider":"ConformReference","version":"1"}', 'maxBatchSize absent or a whole number >= 1'],
        actual: 'PollForJobs #1 at 10 ms -> 400 ActionTypeNotFoundException (and 1 more such poll(s))',
      },
    ])
  })
  it('fails a batch size of 0, a wrong owner, and a poll the service refused for another reason', () => {
    const judge = (request: unknown, error?: string) =>
      POLL_001.check(evidence({ scenario, trace: new TraceBuilder().poll([], { request, ...(error ? { error } : {}) }).build() })).findings[0]?.message
    expect(judge({ actionTypeId: type, maxBatchSize: 0 }, 'ValidationException')).toContain('maxBatchSize 0, not a whole number >= 1')
    expect(judge({ actionTypeId: { ...type, owner: 'ThirdParty' } })).toContain('actionTypeId.owner "ThirdParty" instead of "Custom"')
    expect(judge({ actionTypeId: type }, 'ValidationException')).toContain(': answered ValidationException.')
  })
  it('is unknown without a poll in the evidence', () => {
    expect(POLL_001.check(evidence({ scenario, trace: [] })).verdict).toBe('unknown')
  })
})

describe('the cuts between rules (decisions/0005)', () => {
  it('one missing input read with the wrong key: ART-001 only, the failure report keeps RESULT-003 passing', () => {
    const missing = { name: 'Src', bucketName: 'b', objectKey: 'p/Src/1', content: { kind: 'missing' } as const }
    const trace = new TraceBuilder()
      .poll([dispatchJ()])
      .ack(J, '1', { status: 'InProgress' })
      .s3('GetObject', J, { key: 'p/Src/1', accessKeyId: 'AKIAWORKERWORKER0001', answer: 'AccessDenied' })
      .failure(J, { type: 'JobFailed', message: 'AccessDenied: Access Denied' })
      .build()
    const e = evidence({ scenario: scenarioWith({ id: J, inputArtifacts: [missing] }), trace, outcomes: [outcome(J, 'Failed')] })
    expect([ART_001, ACK_003, RESULT_003, SEC_001].map((rule) => [rule.id, rule.check(e).verdict])).toEqual([
      ['ART-001', 'fail'],
      ['ACK-003', 'pass'],
      ['RESULT-003', 'pass'],
      ['SEC-001', 'pass'],
    ])
  })
})
