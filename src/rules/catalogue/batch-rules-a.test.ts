import { describe, expect, it } from 'vitest'
import { outcome, scenarioOf, scenarioWith, TraceBuilder } from '../../../test/support/trace-builder.js'
import type { TraceEntry } from '../../service/trace/trace-entry.js'
import type { Evidence } from '../rule.js'
import { ACK_004 } from './ack-004.js'
import { ACK_005 } from './ack-005.js'
import { ART_003 } from './art-003.js'
import { ART_004 } from './art-004.js'
import { ART_005 } from './art-005.js'
import { zipSlipEntries, zipSlipTargets } from '../../scenarios/zip-slip.js'
import { ART_006 } from './art-006.js'
import { ERR_003 } from './err-003.js'
import { RESULT_004 } from './result-004.js'
import { RESULT_005 } from './result-005.js'
import { CONFIG_CANARY_PREFIX, SEC_002 } from './sec-002.js'
import { notApplicableReason } from '../capability.js'

const J = '11111111-2222-4333-8444-555555555555'
const K = '66666666-7777-4888-9999-aaaaaaaaaaaa'
const credentials = { accessKeyId: 'ASIAJOBJOBJOBJOBJOB1', secretAccessKey: 'secret-secret-secret-1', sessionToken: 'token-token-token-token-1' }
const evidence = (partial: Partial<Evidence> & Pick<Evidence, 'trace'>): Evidence => ({ scenario: scenarioOf(J), outcomes: [], output: [], ...partial })

/** Marks the last entry as signed by `accessKeyId` with `signer`. */
function signed(trace: TraceEntry[], accessKeyId: string, signer: TraceEntry['signer']): TraceEntry[] {
  const last = trace.at(-1)
  if (last) Object.assign(last, { accessKeyId, signer })
  return trace
}

describe('ACK-004 acknowledge every job a poll hands out', () => {
  it('passes when every job of a batch is acknowledged', () => {
    const trace = new TraceBuilder()
      .poll([{ id: J, nonce: '1' }, { id: K, nonce: '2' }])
      .ack(J, '1', { status: 'InProgress' })
      .success(J)
      .ack(K, '2', { status: 'InProgress' })
      .success(K)
      .build()
    expect(ACK_004.check(evidence({ trace, scenario: scenarioOf(J, K) }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a job taken in a batch and never acknowledged, naming the poll', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }, { id: K, nonce: '2' }]).ack(J, '1', { status: 'InProgress' }).success(J).build()
    expect(ACK_004.check(evidence({ trace, scenario: scenarioOf(J, K) })).findings).toEqual([
      {
        jobId: K,
        seq: 1,
        message: `PollForJobs #1 handed the worker job ${K}, and the worker never acknowledged it.`,
        expected: ['AcknowledgeJob for the job after the poll that handed it out', 'a smaller maxBatchSize, so the poll hands out only jobs the worker will start'],
        actual: 'no AcknowledgeJob for the job after PollForJobs #1 at 10 ms',
      },
    ])
  })
  it('counts an acknowledgement refused by the service, and leaves a late claim of an earlier dispatch to ACK-005', () => {
    const refused = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { error: 'InvalidNonceException' }).build()
    expect(ACK_004.check(evidence({ trace: refused })).verdict).toBe('pass')
    const late = new TraceBuilder().poll([{ id: J, nonce: '1' }]).poll([{ id: J, nonce: '2' }]).ack(J, '2', { status: 'InProgress' }).build()
    expect(ACK_004.check(evidence({ trace: late })).verdict).toBe('pass')
  })
  it('is unknown when no poll handed out the job', () => {
    expect(ACK_004.check(evidence({ trace: [] })).verdict).toBe('unknown')
  })
})

describe('ART-005 write outputs exactly where the job says', () => {
  const job = { id: J, outputArtifacts: [{ name: 'out', bucketName: 'b', objectKey: 'p/out/abc' }] }
  const dispatched = () => new TraceBuilder().poll([{ id: J, nonce: '1', data: { artifactCredentials: credentials } }]).ack(J, '1', { status: 'InProgress' })
  it('passes a success after the output was written to its location', () => {
    const trace = dispatched().s3('PutObject', J, { bucket: 'b', key: 'p/out/abc', accessKeyId: credentials.accessKeyId }).success(J).build()
    expect(ART_005.check(evidence({ trace, scenario: scenarioWith(job) }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails an extra object written with the job credentials, even one the fake could not attribute by key', () => {
    const trace = dispatched()
      .s3('PutObject', J, { bucket: 'b', key: 'p/out/abc', accessKeyId: credentials.accessKeyId })
      .s3('PutObject', K, { bucket: 'b', key: 'p/out/abc.sha256', accessKeyId: credentials.accessKeyId, answer: 'AccessDenied' })
      .success(J)
      .build()
    expect(ART_005.check(evidence({ trace, scenario: scenarioWith(job) })).findings).toEqual([
      {
        jobId: J,
        seq: 4,
        message: `The worker wrote an object for job ${J} that is none of its output artifacts.`,
        expected: ['writes to s3://b/p/out/abc only'],
        actual: 'PutObject #4 at 40 ms -> 400 AccessDenied on s3://b/p/out/abc.sha256',
      },
    ])
  })
  it('fails a success reported before the output was written', () => {
    const trace = dispatched().success(J).build()
    expect(ART_005.check(evidence({ trace, scenario: scenarioWith(job) })).findings.map((f) => f.message)).toEqual([
      `The worker reported success for job ${J} without writing its output artifact s3://b/p/out/abc.`,
    ])
  })
  it('needs the output-artifacts capability', () => {
    expect(ART_005.needs).toEqual(['output-artifacts'])
  })
})

describe('ART-006 never sign CodePipeline calls with artifact credentials', () => {
  const dispatched = () => new TraceBuilder().poll([{ id: J, nonce: '1', data: { artifactCredentials: credentials } }]).ack(J, '1', { status: 'InProgress' })
  it('passes job calls signed by the worker', () => {
    const trace = signed(dispatched().success(J).build(), 'AKIAWORKER', 'worker')
    expect(ART_006.check(evidence({ trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a CodePipeline call signed with the job artifact key', () => {
    const trace = signed(dispatched().call('GetJobDetails', J, { jobId: J }, 'AccessDeniedException').build(), credentials.accessKeyId, 'artifact')
    expect(ART_006.check(evidence({ trace })).findings).toEqual([
      {
        jobId: J,
        seq: 3,
        message: `The worker signed a CodePipeline call with the artifactCredentials of job ${J}.`,
        expected: ["CodePipeline calls signed with the worker's own credentials", "the job's artifactCredentials used only for its artifacts in S3"],
        actual: `GetJobDetails #3 at 30 ms -> 400 AccessDeniedException, signed with ${credentials.accessKeyId} (signer: artifact)`,
      },
    ])
  })
})

describe('RESULT-004 a refused result is final', () => {
  it('passes a worker that stops after InvalidJobStateException', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J, 'InvalidJobStateException').build()
    expect(RESULT_004.check(evidence({ trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a failure sent after a refused success, and a retry after JobNotFoundException', () => {
    const opposite = new TraceBuilder()
      .poll([{ id: J, nonce: '1' }])
      .ack(J, '1', { status: 'InProgress' })
      .success(J, 'InvalidJobStateException')
      .failure(J, { type: 'JobFailed', message: 'x' }, 'InvalidJobStateException')
      .build()
    expect(RESULT_004.check(evidence({ trace: opposite })).findings).toEqual([
      {
        jobId: J,
        seq: 4,
        message: `The worker reported job ${J} again after its result was refused with InvalidJobStateException.`,
        expected: ['no result call for the job after PutJobSuccessResult #3 at 30 ms -> 400 InvalidJobStateException'],
        actual: 'PutJobFailureResult #4 at 40 ms -> 400 InvalidJobStateException',
      },
    ])
    const retry = new TraceBuilder().success(J, 'JobNotFoundException').success(J, 'JobNotFoundException').build()
    expect(RESULT_004.check(evidence({ trace: retry })).verdict).toBe('fail')
  })
  it('is unknown when no result was refused', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J).build()
    expect(RESULT_004.check(evidence({ trace })).verdict).toBe('unknown')
  })
})

describe('RESULT-005 report externalExecutionId and a summary (SHOULD)', () => {
  it('passes a success with both and a failure with an externalExecutionId', () => {
    const trace = new TraceBuilder()
      .call('PutJobSuccessResult', J, { jobId: J, executionDetails: { summary: 'built', externalExecutionId: 'run-1' } })
      .failure(K, { type: 'JobFailed', message: 'no input', externalExecutionId: 'run-2' })
      .build()
    expect(RESULT_005.check(evidence({ trace, scenario: scenarioOf(J, K) }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails results that leave them out, naming each missing member (what the breaking worker does)', () => {
    const trace = new TraceBuilder()
      .call('PutJobSuccessResult', J, { jobId: J, executionDetails: { summary: 'built' } })
      .failure(K, { type: 'JobFailed', message: 'no input' })
      .build()
    expect(RESULT_005.check(evidence({ trace, scenario: scenarioOf(J, K) })).findings).toEqual([
      {
        jobId: J,
        seq: 1,
        message: `The worker reported job ${J} without executionDetails.externalExecutionId.`,
        expected: ['executionDetails.externalExecutionId present and not empty'],
        actual: 'PutJobSuccessResult #1 at 10 ms -> 200',
      },
      {
        jobId: K,
        seq: 2,
        message: `The worker reported job ${K} without failureDetails.externalExecutionId.`,
        expected: ['failureDetails.externalExecutionId present and not empty'],
        actual: 'PutJobFailureResult #2 at 20 ms -> 200',
      },
    ])
    expect(RESULT_005.level).toBe('SHOULD')
  })
})

describe('ERR-003 a failed job does not stop the worker', () => {
  const broken = { id: J, inputArtifacts: [{ name: 'src', bucketName: 'b', objectKey: 'k', content: { kind: 'missing' as const } }] }
  const healthy = { id: K }
  const failedFirst = () =>
    new TraceBuilder()
      .poll([{ id: J, nonce: '1' }])
      .ack(J, '1', { status: 'InProgress' })
      .s3('GetObject', J, { answer: 'NoSuchKey' })
      .failure(J, { type: 'JobFailed', message: 'no input' })
  it('passes when the worker takes the healthy job after the failure', () => {
    const trace = failedFirst().poll([{ id: K, nonce: '2' }]).ack(K, '2', { status: 'InProgress' }).success(K).build()
    expect(ERR_003.check(evidence({ trace, scenario: scenarioWith(broken, healthy) }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails when the healthy job is never taken after the failure', () => {
    const trace = failedFirst().build()
    expect(ERR_003.check(evidence({ trace, scenario: scenarioWith(broken, healthy), outcomes: [outcome(K, 'Queued', 'deadline')] })).findings).toEqual([
      {
        jobId: K,
        message: `After job ${J} failed, the worker never took job ${K}, which was queued behind it.`,
        expected: [`a PollForJobs answer handing out job ${K} after PutJobFailureResult #4 at 40 ms -> 200`],
        actual: `job ${K} still Queued at the end of the scenario; no PollForJobs after the failure`,
      },
    ])
  })
  it('passes a worker running jobs side by side that reports the healthy job after the failure', () => {
    const trace = new TraceBuilder()
      .poll([{ id: J, nonce: '1' }])
      .poll([{ id: K, nonce: '2' }])
      .ack(J, '1', { status: 'InProgress' })
      .ack(K, '2', { status: 'InProgress' })
      .failure(J, { type: 'JobFailed', message: 'no input' })
      .success(K)
      .build()
    expect(ERR_003.check(evidence({ trace, scenario: scenarioWith(broken, healthy) }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('leaves a healthy job handed out before the failure to ACK-004 (one bug, one rule)', () => {
    const trace = new TraceBuilder()
      .poll([{ id: J, nonce: '1' }, { id: K, nonce: '2' }])
      .ack(J, '1', { status: 'InProgress' })
      .failure(J, { type: 'JobFailed', message: 'no input' })
      .build()
    expect(ERR_003.check(evidence({ trace, scenario: scenarioWith(broken, healthy) })).verdict).toBe('unknown')
    expect(ACK_004.check(evidence({ trace, scenario: scenarioWith(broken, healthy) })).verdict).toBe('fail')
    expect(ACK_005.check(evidence({ trace, scenario: scenarioWith(broken, healthy) })).verdict).not.toBe('fail')
  })
})

describe('SEC-002 never print or report secret configuration values', () => {
  const canary = `${CONFIG_CANARY_PREFIX}AbCdEfGhIjKlMnOpQrStUvWx`
  const scenario = scenarioWith({ id: J, actionConfiguration: { ApiToken: canary, Project: 'web' } })
  const handedOut = () => new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' })
  it('passes a worker that keeps the value to itself', () => {
    const trace = handedOut().success(J).build()
    const output = [{ at: 5, stream: 'stdout' as const, text: `polled job ${J}` }]
    expect(SEC_002.check(evidence({ trace, scenario, output }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a printed value and one sent in a summary, showing the place with the value replaced by its key', () => {
    const output = [{ at: 5, stream: 'stdout' as const, text: `polled job ${J} with configuration {"ApiToken":"${canary}","Project":"web"}` }]
    const trace = handedOut().call('PutJobSuccessResult', J, { jobId: J, executionDetails: { summary: `deployed with ${canary}` } }).build()
    const judgement = SEC_002.check(evidence({ trace, scenario, output }))
    expect(judgement.findings.map((f) => [f.message, f.actual])).toEqual([
      [`The worker printed (on stdout) the secret configuration value ApiToken of job ${J}.`, 'stdout at 5 ms: ...5555555 with configuration {"ApiToken":"<ApiToken>","Project":"web"}'],
      [`The worker sent the secret configuration value ApiToken of job ${J} to CodePipeline.`, 'PutJobSuccessResult #3 at 30 ms -> 200: ...utionDetails":{"summary":"deployed with <ApiToken>"}}'],
    ])
    expect(JSON.stringify(judgement)).not.toContain(canary)
  })
  it('is n/a, naming the config key, for a worker config without secretConfiguration', () => {
    expect(SEC_002.needs).toEqual(['secret-configuration'])
    expect(notApplicableReason(SEC_002.needs, { lacks: [], config: {} })).toContain('add "secretConfiguration" to the worker config')
  })
})

describe('ART-003 a corrupt input artifact fails the job', () => {
  const corrupt = { id: J, inputArtifacts: [{ name: 'src', bucketName: 'b', objectKey: 'k', content: { kind: 'corrupt' as const, files: { 'a.txt': 'x' }, keepPercent: 50 } }] }
  const downloaded = () => new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).s3('GetObject', J, { bucket: 'b', key: 'k' })
  it('passes a failure report', () => {
    const trace = downloaded().failure(J, { type: 'JobFailed', message: 'input artifact src is not a readable zip' }).build()
    expect(ART_003.check(evidence({ trace, scenario: scenarioWith(corrupt) }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a success, naming the download', () => {
    const trace = downloaded().success(J).build()
    expect(ART_003.check(evidence({ trace, scenario: scenarioWith(corrupt) })).findings).toEqual([
      {
        jobId: J,
        seq: 4,
        message: `The worker reported success for job ${J}, whose input artifact is not a readable zip.`,
        expected: ['PutJobFailureResult for the job', 'no PutJobSuccessResult'],
        actual: 'PutJobSuccessResult #4 at 40 ms -> 200, after GetObject #3 at 30 ms -> 200 on s3://b/k (a truncated zip)',
      },
    ])
  })
  it('leaves a failed download to RESULT-003 and silence to RESULT-001', () => {
    const denied = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).s3('GetObject', J, { bucket: 'b', key: 'k', answer: 'AccessDenied' }).success(J).build()
    expect(ART_003.check(evidence({ trace: denied, scenario: scenarioWith(corrupt) })).verdict).toBe('unknown')
    expect(ART_003.check(evidence({ trace: downloaded().build(), scenario: scenarioWith(corrupt) })).verdict).toBe('pass')
  })
})

describe('ART-004 extract input artifacts inside the workspace (no zip-slip)', () => {
  const token = 'abcdefgh12345678'
  const slip = { id: J, inputArtifacts: [{ name: 'src', bucketName: 'b', objectKey: 'k', content: { kind: 'zip-slip' as const, token } }] }
  const [climbed, absolute] = zipSlipTargets(token)
  const downloaded = () => new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).s3('GetObject', J, { bucket: 'b', key: 'k' })
  it('aims the escaping entries at the places the harness looks', () => {
    expect(Object.keys(zipSlipEntries(token)).filter((name) => name !== 'README.txt')).toEqual([
      `${'../'.repeat(24)}tmp/conform-zipslip-${token}/climbed.txt`,
      `/tmp/conform-zipslip-${token}/absolute.txt`,
    ])
    expect([climbed, absolute]).toEqual([`/tmp/conform-zipslip-${token}/climbed.txt`, `/tmp/conform-zipslip-${token}/absolute.txt`])
  })
  it('passes when neither canary exists after the worker downloaded the zip', () => {
    const planted = [
      { path: climbed ?? '', exists: false },
      { path: absolute ?? '', exists: false },
    ]
    const trace = downloaded().failure(J, { type: 'JobFailed', message: 'entry outside the workspace' }).build()
    expect(ART_004.check(evidence({ trace, scenario: scenarioWith(slip), planted }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails for a canary found on disk, naming the file and the download', () => {
    const planted = [
      { path: climbed ?? '', exists: true },
      { path: absolute ?? '', exists: false },
    ]
    const trace = downloaded().success(J).build()
    expect(ART_004.check(evidence({ trace, scenario: scenarioWith(slip), planted })).findings).toEqual([
      {
        jobId: J,
        seq: 3,
        message: `Extracting an input artifact of job ${J} created ${climbed}, outside the worker's workspace.`,
        expected: [`no file at ${climbed} or ${absolute}`, 'the unsafe entries refused (and the job reported as failed)'],
        actual: `${climbed} exists after the scenario, after GetObject #3 at 30 ms -> 200 on s3://b/k`,
      },
    ])
  })
  it('is unknown when the harness did not look, or the zip was never downloaded', () => {
    expect(ART_004.check(evidence({ trace: downloaded().build(), scenario: scenarioWith(slip) })).verdict).toBe('unknown')
    expect(ART_004.check(evidence({ trace: [], scenario: scenarioWith(slip), planted: [{ path: climbed ?? '', exists: false }] })).verdict).toBe('unknown')
  })
})
