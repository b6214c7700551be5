import { describe, expect, it } from 'vitest'
import { outcome, scenarioOf, TraceBuilder } from '../../../test/support/trace-builder.js'
import { ACK_001 } from './ack-001.js'
import { ACK_002 } from './ack-002.js'
import { NONCE_001 } from './nonce-001.js'
import { NONCE_002 } from './nonce-002.js'
import { RESULT_001 } from './result-001.js'
import { RESULT_002 } from './result-002.js'

const J = '11111111-2222-4333-8444-555555555555'
const K = '66666666-7777-4888-9999-aaaaaaaaaaaa'
const ok = { type: 'JobFailed', message: 'input artifact missing' }

describe('ACK-001 acknowledge before reporting', () => {
  it('passes when the result follows an acknowledgement', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '3' }]).ack(J, '3', { status: 'InProgress' }).success(J).build()
    expect(ACK_001.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [outcome(J, 'Succeeded')] })).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a result with no acknowledgement before it, naming the call', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '3' }]).success(J, 'InvalidJobStateException').build()
    const judgement = ACK_001.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [outcome(J, 'Dispatched')] })
    expect(judgement.verdict).toBe('fail')
    expect(judgement.findings).toEqual([
      {
        jobId: J,
        seq: 2,
        message: `The worker reported a result for job ${J} without acknowledging it first.`,
        expected: ['AcknowledgeJob(jobId, nonce) before any result call', 'no result call at all'],
        actual: 'PutJobSuccessResult #2 at 20 ms -> 400 InvalidJobStateException',
      },
    ])
  })
  it('is unknown when no result was reported at all', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '3' }]).build()
    expect(ACK_001.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).verdict).toBe('unknown')
  })
})

describe('ACK-002 go on only on InProgress', () => {
  it('passes when the worker drops a job acknowledged as TimedOut', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'TimedOut' }).build()
    expect(ACK_002.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).verdict).toBe('pass')
  })
  it('fails artifact access and a result after a non-InProgress status', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'Succeeded' }).getObject(J).success(J, 'InvalidJobStateException').build()
    const judgement = ACK_002.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] })
    expect(judgement.verdict).toBe('fail')
    expect(judgement.findings.map((f) => f.actual)).toEqual(['GetObject #3 at 30 ms -> 200', 'PutJobSuccessResult #4 at 40 ms -> 400 InvalidJobStateException'])
  })
  it('allows the work once a later dispatch of a re-queued job is claimed', () => {
    const trace = new TraceBuilder()
      .poll([{ id: J, nonce: '1' }])
      .ack(J, '1', { status: 'Queued' })
      .poll([{ id: J, nonce: '2' }])
      .ack(J, '2', { status: 'InProgress' })
      .getObject(J)
      .success(J)
      .build()
    expect(ACK_002.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).verdict).toBe('pass')
  })
  it('is unknown when every acknowledgement answered InProgress', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J).build()
    expect(ACK_002.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).verdict).toBe('unknown')
  })
})

describe('NONCE-001 the nonce of that dispatch', () => {
  it('passes the exact nonce, even one made of odd printable characters', () => {
    const nonce = ` "\\'<x>%s `
    const trace = new TraceBuilder().poll([{ id: J, nonce }]).ack(J, nonce, { status: 'InProgress' }).build()
    expect(NONCE_001.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).verdict).toBe('pass')
  })
  it('fails a nonce other than the one dispatched, saying which was expected', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '42' }]).ack(J, '41', { error: 'InvalidNonceException' }).build()
    const judgement = NONCE_001.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] })
    expect(judgement.findings).toEqual([
      {
        jobId: J,
        seq: 2,
        message: `The worker acknowledged job ${J} with a nonce other than the one its dispatch carried.`,
        expected: ['nonce "42" (from PollForJobs #1)'],
        actual: 'AcknowledgeJob #2 at 20 ms -> 400 InvalidNonceException with nonce "41"',
      },
    ])
  })
  it('judges against the latest dispatch, not the first', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).poll([{ id: J, nonce: '2' }]).ack(J, '12', { error: 'InvalidNonceException' }).build()
    expect(NONCE_001.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).verdict).toBe('fail')
  })
  it("leaves the nonce of an earlier dispatch of the same job to NONCE-003", () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).poll([{ id: J, nonce: '2' }]).ack(J, '1', { error: 'InvalidNonceException' }).build()
    expect(NONCE_001.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).findings).toEqual([])
  })
})

describe('NONCE-002 nothing after InvalidNonceException', () => {
  it('passes a worker that drops the stolen job', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { error: 'InvalidNonceException' }).poll([]).build()
    expect(NONCE_002.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).verdict).toBe('pass')
  })
  it('fails a failure reported for a job another worker owns', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { error: 'InvalidNonceException' }).failure(J, ok).build()
    const judgement = NONCE_002.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] })
    expect(judgement.verdict).toBe('fail')
    expect(judgement.findings[0]?.actual).toBe('PutJobFailureResult #3 at 30 ms -> 200')
  })
  it('allows a result after a later dispatch was acknowledged successfully', () => {
    const trace = new TraceBuilder()
      .poll([{ id: J, nonce: '1' }])
      .ack(J, '1', { error: 'InvalidNonceException' })
      .poll([{ id: J, nonce: '2' }])
      .ack(J, '2', { status: 'InProgress' })
      .success(J)
      .build()
    expect(NONCE_002.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [] }).verdict).toBe('pass')
  })
})

describe('RESULT-001 exactly one result', () => {
  const claimed = () => new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' })
  it('passes one accepted result', () => {
    expect(RESULT_001.check({ output: [], scenario: scenarioOf(J), trace: claimed().success(J).build(), outcomes: [outcome(J, 'Succeeded')] }).verdict).toBe('pass')
  })
  it('fails a second result after an accepted one', () => {
    const judgement = RESULT_001.check({ output: [], scenario: scenarioOf(J), trace: claimed().success(J).failure(J, ok, 'InvalidJobStateException').build(), outcomes: [outcome(J, 'Succeeded')] })
    expect(judgement.findings.map((f) => f.actual)).toEqual(['PutJobFailureResult #4 at 40 ms -> 400 InvalidJobStateException, after PutJobSuccessResult #3 at 30 ms -> 200'])
  })
  it('fails a job that timed out without a result', () => {
    const judgement = RESULT_001.check({ output: [], scenario: scenarioOf(J), trace: claimed().poll([]).build(), outcomes: [outcome(J, 'TimedOut')] })
    expect(judgement.verdict).toBe('fail')
    expect(judgement.findings[0]?.message).toBe(`The worker acknowledged job ${J} but never had a result accepted for it; the job ended TimedOut.`)
  })
  it('leaves a rejected invalid result to RESULT-002', () => {
    const trace = claimed().failure(J, { type: 'Error', message: 'x' }, 'ValidationException').build()
    expect(RESULT_001.check({ output: [], scenario: scenarioOf(J), trace, outcomes: [outcome(J, 'InProgress')] }).verdict).toBe('pass')
  })
  it('is unknown when the scenario deadline passed with the job still open', () => {
    expect(RESULT_001.check({ output: [], scenario: scenarioOf(J), trace: claimed().build(), outcomes: [outcome(J, 'InProgress', 'deadline')] }).verdict).toBe('unknown')
  })
  it('judges each job of a scenario', () => {
    const trace = claimed().success(J).poll([{ id: K, nonce: '9' }]).ack(K, '9', { status: 'InProgress' }).build()
    const judgement = RESULT_001.check({ output: [], scenario: scenarioOf(J, K), trace, outcomes: [outcome(J, 'Succeeded'), outcome(K, 'TimedOut')] })
    expect(judgement.findings.map((f) => f.jobId)).toEqual([K])
  })
})

describe('RESULT-002 failure details valid under the model', () => {
  const judge = (details: unknown) =>
    RESULT_002.check({ output: [], scenario: scenarioOf(J), trace: new TraceBuilder().failure(J, details).build(), outcomes: [] })
  it('passes every enum value with messages of 1 and 5000 characters', () => {
    expect(judge({ type: 'SystemUnavailable', message: 'x' }).verdict).toBe('pass')
    expect(judge({ type: 'JobFailed', message: 'é'.repeat(5000) }).verdict).toBe('pass')
  })
  it('fails a type outside the enum, an empty message and a 5001-character one', () => {
    expect(judge({ type: 'Error', message: 'x' }).findings[0]?.message).toBe(
      `The worker's failure report for job ${J} is not valid under the API model: failureDetails.type is "Error", not one of JobFailed, ConfigurationError, PermissionError, RevisionOutOfSync, RevisionUnavailable, SystemUnavailable.`,
    )
    expect(judge({ type: 'JobFailed', message: '' }).verdict).toBe('fail')
    expect(judge({ type: 'JobFailed', message: 'x'.repeat(5001) }).findings[0]?.message).toContain('failureDetails.message has 5001 characters, outside 1 to 5000')
  })
  it('counts code points, as the model does, not UTF-16 units', () => {
    expect(judge({ type: 'JobFailed', message: '😀'.repeat(5000) }).verdict).toBe('pass')
  })
  it('is unknown when the worker reported no failure', () => {
    expect(RESULT_002.check({ output: [], scenario: scenarioOf(J), trace: new TraceBuilder().success(J).build(), outcomes: [] }).verdict).toBe('unknown')
  })
})
