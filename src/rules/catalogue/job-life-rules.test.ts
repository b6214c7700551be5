import { describe, expect, it } from 'vitest'
import { scenarioOf, scenarioWith, TraceBuilder } from '../../../test/support/trace-builder.js'
import type { Evidence } from '../rule.js'
import { ACK_003 } from './ack-003.js'
import { ACK_005 } from './ack-005.js'
import { CONT_001 } from './cont-001.js'
import { CONT_002 } from './cont-002.js'
import { NONCE_001 } from './nonce-001.js'
import { NONCE_003 } from './nonce-003.js'
import { OUTVAR_001 } from './outvar-001.js'
import { PARTNER_001 } from './partner-001.js'
import { TIME_001 } from './time-001.js'
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

describe('CONT-001 a continuation job continues the same work', () => {
  const K2 = '22222222-3333-4444-8555-666666666666'
  const chained = (): Evidence['outcomes'] => [{ jobId: J, status: 'Succeeded', settledBy: 'quiescent', continuations: [{ jobId: K2, status: 'Succeeded' }] }]
  const details = (externalExecutionId: string, continuationToken?: string) => ({ executionDetails: { externalExecutionId }, ...(continuationToken ? { continuationToken } : {}) })
  const first = () =>
    new TraceBuilder()
      .poll([{ id: J, nonce: '4' }])
      .ack(J, '4', { status: 'InProgress' })
      .call('PutJobSuccessResult', J, { jobId: J, ...details('ext-1', 't1') })
      .poll([{ id: K2, nonce: '1' }])
  it('passes a continuation job claimed with its own nonce and resuming the same external execution', () => {
    const trace = first().ack(K2, '1', { status: 'InProgress' }).call('PutJobSuccessResult', K2, { jobId: K2, ...details('ext-1') }).build()
    expect(CONT_001.check(evidence({ trace, outcomes: chained() }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a continuation job reported without its own claim, and a changed externalExecutionId', () => {
    const trace = first().call('PutJobSuccessResult', K2, { jobId: K2, ...details('ext-2') }).build()
    expect(CONT_001.check(evidence({ trace, outcomes: chained() })).findings.map((f) => [f.jobId, f.message])).toEqual([
      [K2, `The worker reported continuation job ${K2} (of job ${J}) without claiming it with the nonce of its own dispatch.`],
      [K2, `The worker started the external work of job ${J} again on a continuation job: its externalExecutionId changed along the chain.`],
    ])
  })
  it('is unknown without a continuation job', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '4' }]).ack(J, '4', { status: 'InProgress' }).success(J).build()
    expect(CONT_001.check(evidence({ trace, outcomes: [{ jobId: J, status: 'Succeeded', settledBy: 'quiescent' }] })).verdict).toBe('unknown')
  })
})

describe('CONT-002 a continuation chain ends without a token', () => {
  const K2 = '22222222-3333-4444-8555-666666666666'
  const chain = (settledBy: 'quiescent' | 'deadline'): Evidence['outcomes'] => [{ jobId: J, status: 'Succeeded', settledBy, continuations: [{ jobId: K2, status: 'Succeeded' }] }]
  const trace = (lastToken?: string) =>
    new TraceBuilder()
      .poll([{ id: J, nonce: '4' }])
      .ack(J, '4', { status: 'InProgress' })
      .call('PutJobSuccessResult', J, { jobId: J, continuationToken: 't1' })
      .poll([{ id: K2, nonce: '1' }])
      .ack(K2, '1', { status: 'InProgress' })
      .call('PutJobSuccessResult', K2, { jobId: K2, ...(lastToken ? { continuationToken: lastToken } : {}) })
      .build()
  it('passes a chain ended by a success without a token', () => {
    expect(CONT_002.check(evidence({ trace: trace(), outcomes: chain('quiescent') }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a chain whose last accepted result still carries a token when the action has ended', () => {
    expect(CONT_002.check(evidence({ trace: trace('t2'), outcomes: chain('quiescent') })).findings).toEqual([
      {
        jobId: K2,
        seq: 6,
        message: `The continuation chain of job ${J} was still open when its action execution timed out, after 2 job(s) each answered with a token.`,
        expected: ['a PutJobSuccessResult without continuationToken, or a PutJobFailureResult, before the action times out'],
        actual: 'PutJobSuccessResult #6 at 60 ms -> 200 with a continuationToken, as the chain\'s last result',
      },
    ])
  })
  it('is unknown for a chain still running at the scenario deadline', () => {
    expect(CONT_002.check(evidence({ trace: trace('t2'), outcomes: chain('deadline') })).verdict).toBe('unknown')
  })
})

describe('PARTNER-001 the client token and the details nonce', () => {
  const CLIENT = '0f0e0d0c-0b0a-4909-8807-060504030201'
  const scenario = scenarioWith({ id: J, partner: { clientId: CLIENT, clientToken: 'tok' } })
  const details = (clientToken: string) =>
    new TraceBuilder().call('PollForThirdPartyJobs', '', {}).call('GetThirdPartyJobDetails', J, { jobId: J, clientToken }, clientToken === 'tok' ? 200 : 'InvalidClientTokenException')
  it('passes the mapped token on every call and the nonce the details gave', () => {
    const built = details('tok').build()
    const last = built.at(-1)
    if (last) last.response.body = { jobDetails: { id: J, nonce: '3' } }
    const trace = [...built, ...new TraceBuilder().call('AcknowledgeThirdPartyJob', J, { jobId: J, nonce: '3', clientToken: 'tok' }).call('PutThirdPartyJobSuccessResult', J, { jobId: J, clientToken: 'tok' }).build().map((e, i) => ({ ...e, seq: built.length + i + 1, at: (built.length + i + 1) * 10 }))]
    expect(PARTNER_001.check(evidence({ scenario, trace }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails the clientId sent as the token, without showing any token', () => {
    const trace = details(CLIENT).build()
    expect(PARTNER_001.check(evidence({ scenario, trace })).findings).toEqual([
      {
        jobId: J,
        seq: 2,
        message: `The worker sent a clientToken other than the one mapped to client ${CLIENT} for partner job ${J}.`,
        expected: [`the clientToken the worker config maps to clientId ${CLIENT}, on every partner call`],
        actual: 'GetThirdPartyJobDetails #2 at 20 ms -> 400 InvalidClientTokenException with the clientId as its clientToken',
      },
    ])
  })
  it('fails an acknowledgement with a nonce no details answer gave', () => {
    const trace = new TraceBuilder().call('AcknowledgeThirdPartyJob', J, { jobId: J, nonce: '1', clientToken: 'tok' }, 'InvalidNonceException').build()
    expect(PARTNER_001.check(evidence({ scenario, trace })).findings.map((f) => f.message)).toEqual([
      `The worker acknowledged partner job ${J} with a nonce GetThirdPartyJobDetails had not given it.`,
    ])
  })
  it('is unknown for a job that is not a partner job', () => {
    expect(PARTNER_001.check(evidence({ trace: [] })).verdict).toBe('unknown')
  })
})

describe('the shared look-ups on a partner job', () => {
  const partnerTrace = (ackNonce: string) => {
    const trace = new TraceBuilder()
      .call('PollForThirdPartyJobs', '', {})
      .call('GetThirdPartyJobDetails', J, { jobId: J, clientToken: 'tok' })
      .call('AcknowledgeThirdPartyJob', J, { jobId: J, nonce: ackNonce, clientToken: 'tok' })
      .getObject(J)
      .call('PutThirdPartyJobSuccessResult', J, { jobId: J, clientToken: 'tok' })
      .build()
    const [, details, ack] = trace
    if (details) details.response.body = { jobDetails: { id: J, nonce: '3' } }
    if (ack) ack.response.body = { status: 'InProgress' }
    return trace
  }
  it('judge the ThirdParty claim like AcknowledgeJob: artifacts after it keep ACK-003, its nonce keeps NONCE-001', () => {
    expect(ACK_003.check(evidence({ trace: partnerTrace('3') })).verdict).toBe('pass')
    expect(NONCE_001.check(evidence({ trace: partnerTrace('3') })).verdict).toBe('pass')
    expect(NONCE_001.check(evidence({ trace: partnerTrace('4') })).verdict).toBe('fail')
  })
})

describe('TIME-001 give up on hung work before the job times out', () => {
  const hung = scenarioWith({ id: J, faults: [{ operations: ['GetObject'], steps: [{ kind: 'delay', ms: 6000, times: 1 }] }] })
  const claimed = () => new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' })
  it('passes a failure reported before the timeout', () => {
    const trace = claimed().failure(J, { type: 'JobFailed', message: 'deadline' }).build()
    expect(TIME_001.check(evidence({ scenario: hung, trace, outcomes: [{ jobId: J, status: 'Failed', settledBy: 'quiescent' }] }))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a job that timed out first, naming the refused late result', () => {
    const trace = claimed().success(J, 'InvalidJobStateException').build()
    expect(TIME_001.check(evidence({ scenario: hung, trace, outcomes: [{ jobId: J, status: 'TimedOut', settledBy: 'quiescent' }] })).findings).toEqual([
      {
        jobId: J,
        seq: 3,
        message: `Job ${J} timed out while its work hung: the worker reported no result before the job timeout.`,
        expected: ["PutJobFailureResult before the job timeout, from a deadline of the worker's own"],
        actual: 'PutJobSuccessResult #3 at 30 ms -> 400 InvalidJobStateException, after the job had timed out',
      },
    ])
  })
  it('is unknown for a job whose work does not hang', () => {
    const trace = claimed().success(J).build()
    expect(TIME_001.check(evidence({ trace })).verdict).toBe('unknown')
  })
})
