import { describe, expect, it } from 'vitest'
import { scenarioOf, scenarioWith, TraceBuilder } from '../../../test/support/trace-builder.js'
import type { Evidence } from '../rule.js'
import { ACK_005 } from './ack-005.js'
import { NONCE_001 } from './nonce-001.js'
import { NONCE_003 } from './nonce-003.js'
import { OUTVAR_001 } from './outvar-001.js'
import { TIME_002 } from './time-002.js'

const J = '11111111-2222-4333-8444-555555555555'
const evidence = (partial: Partial<Evidence> & Pick<Evidence, 'trace'>): Evidence => ({ scenario: scenarioOf(J), outcomes: [], output: [], ...partial })

describe('NONCE-003 a re-dispatched job is claimed with its new nonce', () => {
  const redispatched = () => new TraceBuilder().poll([{ id: J, nonce: '7' }]).ack(J, '7', { status: 'Queued' }).poll([{ id: J, nonce: '2' }])
  it('passes the new nonce after a re-dispatch', () => {
    expect(NONCE_003.check(evidence({ trace: redispatched().ack(J, '2', { status: 'InProgress' }).success(J).build() }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails the first dispatch nonce sent after the second dispatch, and NONCE-001 leaves it alone', () => {
    const trace = redispatched().ack(J, '7', { error: 'InvalidNonceException' }).build()
    expect(NONCE_003.check(evidence({ trace })).findings).toEqual([
      {
        jobId: J,
        seq: 4,
        message: `The worker acknowledged re-dispatched job ${J} with the nonce of an earlier dispatch.`,
        expected: ['nonce "2" (from PollForJobs #3, the latest dispatch)'],
        actual: 'AcknowledgeJob #4 at 40 ms -> 400 InvalidNonceException with nonce "7", from PollForJobs #1',
      },
    ])
    expect(NONCE_001.check(evidence({ trace })).findings).toEqual([])
  })
  it('is unknown when the job was dispatched only once', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '7' }]).ack(J, '7', { status: 'InProgress' }).build()
    expect(NONCE_003.check(evidence({ trace })).verdict).toBe('unknown')
  })
})

describe('ACK-005 acknowledge before the re-dispatch window elapses', () => {
  const scenario = scenarioWith({ id: J, life: { redispatchAfterMs: 15 } })
  it('passes an acknowledgement within the job window', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).build()
    expect(ACK_005.check(evidence({ scenario, trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails an acknowledgement later than the window, measured from the dispatch it answers', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).getObject(J).ack(J, '1', { error: 'InvalidNonceException' }).build()
    expect(ACK_005.check(evidence({ scenario, trace })).findings).toEqual([
      {
        jobId: J,
        seq: 3,
        message: `The worker acknowledged job ${J} 20 ms after its dispatch, later than the 15 ms re-dispatch window.`,
        expected: ['AcknowledgeJob within 15 ms of PollForJobs #1 (at 10 ms)'],
        actual: 'AcknowledgeJob #3 at 30 ms -> 400 InvalidNonceException',
      },
    ])
  })
  it('uses the 30 s default for a job whose scenario sets no window', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).getObject(J).getObject(J).ack(J, '1', { status: 'InProgress' }).build()
    expect(ACK_005.check(evidence({ trace })).verdict).toBe('pass')
  })
})

describe('TIME-002 refresh expired artifact credentials', () => {
  const expired = () =>
    new TraceBuilder()
      .poll([{ id: J, nonce: '1' }])
      .ack(J, '1', { status: 'InProgress' })
      .s3('GetObject', J, { accessKeyId: 'ASIAOLD', answer: 'ExpiredToken' })
  it('passes GetJobDetails, then the access again with the fresh key, then the result', () => {
    const trace = expired().call('GetJobDetails', J, { jobId: J }).s3('GetObject', J, { accessKeyId: 'ASIANEW' }).success(J).build()
    expect(TIME_002.check(evidence({ trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a result reported without asking for fresh credentials', () => {
    const trace = expired().failure(J, { type: 'JobFailed', message: 'expired' }).build()
    expect(TIME_002.check(evidence({ trace })).findings).toEqual([
      {
        jobId: J,
        seq: 4,
        message: `The worker reported job ${J} after its artifact credentials expired, without asking GetJobDetails for fresh ones.`,
        expected: ['GetJobDetails after the ExpiredToken answer, then the artifact access again'],
        actual: 'PutJobFailureResult #4 at 40 ms -> 200, after GetObject #3 at 30 ms -> 400 ExpiredToken',
      },
    ])
  })
  it('fails the expired key used again, and a refresh not followed by a retry', () => {
    const trace = expired().s3('GetObject', J, { accessKeyId: 'ASIAOLD', answer: 'ExpiredToken' }).call('GetJobDetails', J, { jobId: J }).failure(J, { type: 'JobFailed', message: 'x' }).build()
    expect(TIME_002.check(evidence({ trace })).findings.map((f) => f.message)).toEqual([
      `The worker used the artifact credentials of job ${J} again after S3 had answered ExpiredToken for them.`,
      `The worker got fresh credentials for job ${J} but reported it without retrying the artifact access.`,
    ])
  })
  it('is unknown when no credentials expired', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).getObject(J).success(J).build()
    expect(TIME_002.check(evidence({ trace })).verdict).toBe('unknown')
  })
})

describe('OUTVAR-001 output variables', () => {
  const claimed = () => new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' })
  it('passes variables on a final result, and a failure report after the size was refused', () => {
    const trace = claimed()
      .call('PutJobSuccessResult', J, { jobId: J, outputVariables: { BuildSummary: 'built' } }, 'OutputVariablesSizeExceededException')
      .failure(J, { type: 'JobFailed', message: 'too large' })
      .build()
    expect(OUTVAR_001.check(evidence({ scenario: scenarioWith({ id: J, life: { outputVariablesMaxBytes: 1 } }), trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails variables beside a token, keys outside the pattern, and more than 122,880 bytes', () => {
    const trace = claimed()
      .call('PutJobSuccessResult', J, { jobId: J, continuationToken: 't', outputVariables: { 'bad key': 'x' } }, 'ValidationException')
      .call('PutJobSuccessResult', J, { jobId: J, outputVariables: { Big: 'v'.repeat(122_880) } }, 'OutputVariablesSizeExceededException')
      .build()
    expect(OUTVAR_001.check(evidence({ trace })).findings.map((f) => f.message)).toEqual([
      `The worker sent output variables together with a continuation token for job ${J}.`,
      `The worker sent output variable keys outside [A-Za-z0-9@\\-_]+ for job ${J}.`,
      `The worker sent 122883 bytes of output variables for job ${J}, over the 122,880-byte quota.`,
    ])
  })
  it('fails a success sent again after OutputVariablesSizeExceededException', () => {
    const trace = claimed().call('PutJobSuccessResult', J, { jobId: J, outputVariables: { A: 'b' } }, 'OutputVariablesSizeExceededException').success(J).build()
    expect(OUTVAR_001.check(evidence({ scenario: scenarioWith({ id: J, life: { outputVariablesMaxBytes: 1 } }), trace })).findings).toEqual([
      {
        jobId: J,
        seq: 4,
        message: `The worker sent a success for job ${J} again after the service refused its output variables as too large.`,
        expected: ['PutJobFailureResult after OutputVariablesSizeExceededException'],
        actual: 'PutJobSuccessResult #4 at 40 ms -> 200, after PutJobSuccessResult #3 at 30 ms -> 400 OutputVariablesSizeExceededException',
      },
    ])
  })
})
