import { describe, expect, it } from 'vitest'
import { outcome, scenarioOf } from '../../../test/support/trace-builder.js'
import type { TraceEntry } from '../../service/trace/trace-entry.js'
import type { Evidence } from '../rule.js'
import { ERR_001 } from './err-001.js'
import { ERR_002 } from './err-002.js'
import { ERR_004 } from './err-004.js'

const J = '11111111-2222-4333-8444-555555555555'

/** Hand-written calls with their time, fault and SDK invocation, as the fake records them. */
class Calls {
  readonly entries: TraceEntry[] = []
  add(at: number, operation: string, answer: { status: number; errorType?: string; body?: unknown }, extra: Partial<TraceEntry> = {}): this {
    this.entries.push({ seq: this.entries.length + 1, at, service: 'codepipeline', operation, request: {}, response: answer, ...extra })
    return this
  }
  claim(at = 10): this {
    return this.add(at - 5, 'PollForJobs', { status: 200, body: { jobs: [{ id: J, nonce: '1' }] } }).add(at, 'AcknowledgeJob', { status: 200, body: { status: 'InProgress' } }, { jobId: J })
  }
  result(at: number, invocation: string, answer: 'ok' | 'throttled' | 'reset' | 'dropped' | 'InvalidJobStateException', operation = 'PutJobSuccessResult'): this {
    const extra: Partial<TraceEntry> = { jobId: J, sdkAttempt: { invocationId: invocation } }
    if (answer === 'ok') return this.add(at, operation, { status: 200 }, extra)
    if (answer === 'throttled') return this.add(at, operation, { status: 400, errorType: 'ThrottlingException' }, { ...extra, fault: 'ThrottlingException' })
    if (answer === 'reset') return this.add(at, operation, { status: 0 }, { ...extra, fault: 'reset' })
    if (answer === 'dropped') return this.add(at, operation, { status: 200 }, { ...extra, fault: 'drop-response' })
    return this.add(at, operation, { status: 400, errorType: answer }, extra)
  }
  poll(at: number, invocation: string, answer: 'ok' | 'InternalFailure' | 'ActionTypeNotFoundException'): this {
    const extra: Partial<TraceEntry> = { sdkAttempt: { invocationId: invocation } }
    if (answer === 'ok') return this.add(at, 'PollForJobs', { status: 200, body: { jobs: [{ id: J, nonce: '1' }] } }, extra)
    return this.add(at, 'PollForJobs', { status: answer === 'InternalFailure' ? 500 : 400, errorType: answer }, { ...extra, fault: answer })
  }
}
const evidence = (calls: Calls, outcomes = [outcome(J, 'Succeeded')]): Evidence => ({ scenario: scenarioOf(J), trace: calls.entries, outcomes, output: [] })

describe('ERR-001 retry result calls through transient failures', () => {
  it("passes retries with backoff until accepted, not counting the SDK's own quick attempts", () => {
    const calls = new Calls().claim().result(20, 'a', 'throttled').result(25, 'a', 'throttled').result(30, 'a', 'throttled').result(140, 'b', 'reset').result(145, 'b', 'ok')
    expect(ERR_001.check(evidence(calls))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('passes stopping at InvalidJobStateException after a dropped answer', () => {
    const calls = new Calls().claim().result(20, 'a', 'dropped').result(24, 'a', 'InvalidJobStateException')
    expect(ERR_001.check(evidence(calls)).verdict).toBe('pass')
  })
  it('fails a worker that stops after its SDK gave up', () => {
    const calls = new Calls().claim().result(20, 'a', 'throttled').result(25, 'a', 'throttled').result(30, 'a', 'throttled')
    expect(ERR_001.check(evidence(calls, [outcome(J, 'TimedOut')])).findings).toEqual([
      {
        jobId: J,
        seq: 5,
        message: `The worker stopped reporting job ${J} after a transient failure; the job ended TimedOut without a result.`,
        expected: ['retries with backoff until the result is accepted, or refused as InvalidJobStateException / JobNotFoundException'],
        actual: 'no result call after PutJobSuccessResult #5 at 30 ms -> 400 ThrottlingException (fault: ThrottlingException)',
      },
    ])
  })
  it('leaves a job still open at the scenario deadline undecided', () => {
    const calls = new Calls().claim().result(20, 'a', 'throttled')
    expect(ERR_001.check(evidence(calls, [outcome(J, 'InProgress', 'deadline')])).verdict).toBe('unknown')
  })
  it("fails the worker's own retry without a wait, and a failure reported after a lost success", () => {
    const calls = new Calls().claim().result(20, 'a', 'reset').result(22, 'b', 'dropped').result(200, 'c', 'InvalidJobStateException').result(400, 'd', 'InvalidJobStateException', 'PutJobFailureResult')
    expect(ERR_001.check(evidence(calls)).findings.map((f) => [f.seq, f.message])).toEqual([
      [4, `The worker retried a failed result call for job ${J} after 2 ms, without backing off.`],
      [6, `The service applied the worker's PutJobSuccessResult for job ${J} but the answer was lost; the worker then reported the job the other way.`],
    ])
  })
  it('is not exercised when no result call met a fault', () => {
    expect(ERR_001.check(evidence(new Calls().claim().result(20, 'a', 'ok'))).verdict).toBe('unknown')
  })
})

describe('ERR-002 no tight loop on refusals', () => {
  it('passes refusals about a second apart, fails more than three within two seconds', () => {
    const slow = new Calls().poll(0, 'a', 'ActionTypeNotFoundException').poll(1000, 'b', 'ActionTypeNotFoundException').poll(2500, 'c', 'ActionTypeNotFoundException').poll(4500, 'd', 'ok')
    expect(ERR_002.check(evidence(slow))).toEqual({ verdict: 'pass', findings: [] })
    const fast = new Calls()
    for (let i = 0; i < 6; i += 1) fast.poll(i * 30, String(i), 'ActionTypeNotFoundException')
    expect(ERR_002.check(evidence(fast)).findings).toEqual([
      {
        seq: 6,
        message: 'The worker repeated PollForJobs 6 times within 150 ms although the service refused it with ActionTypeNotFoundException, which retrying cannot fix.',
        expected: ['at most 3 refused calls within any 2 s (about one a second), better a long back-off or an exit'],
        actual: 'PollForJobs #1 at 0 ms -> 400 ActionTypeNotFoundException ... PollForJobs #6 at 150 ms -> 400 ActionTypeNotFoundException',
      },
    ])
  })
  it('is not exercised without a refusal', () => {
    expect(ERR_002.check(evidence(new Calls().poll(0, 'a', 'ok'))).verdict).toBe('unknown')
  })
})

describe('ERR-004 keep polling through poll errors', () => {
  const healthyTail = (calls: Calls, at: number): Calls =>
    calls.poll(at, 'z', 'ok').add(at + 5, 'AcknowledgeJob', { status: 200, body: { status: 'InProgress' } }, { jobId: J }).add(at + 10, 'PutJobSuccessResult', { status: 200 }, { jobId: J })
  it('passes backed-off polls that go on to take and finish the job', () => {
    const calls = healthyTail(new Calls().poll(0, 'a', 'InternalFailure').poll(40, 'a', 'InternalFailure').poll(90, 'a', 'InternalFailure').poll(200, 'b', 'InternalFailure'), 450)
    expect(ERR_004.check(evidence(calls))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails an immediate re-poll, and a worker that never polls again', () => {
    const hasty = healthyTail(new Calls().poll(0, 'a', 'InternalFailure').poll(40, 'a', 'InternalFailure').poll(90, 'a', 'InternalFailure').poll(93, 'b', 'InternalFailure'), 300)
    expect(ERR_004.check(evidence(hasty)).findings.map((f) => f.message)).toEqual(['The worker polled again 3 ms after PollForJobs failed, without backing off.'])
    const stopped = new Calls().poll(0, 'a', 'InternalFailure').poll(40, 'a', 'InternalFailure').poll(90, 'a', 'InternalFailure')
    expect(ERR_004.check(evidence(stopped, [outcome(J, 'Queued', 'never-dispatched')])).findings.map((f) => f.message)).toEqual([
      `After PollForJobs failed, the worker never polled its way to job ${J}.`,
    ])
    // With the scenario's span known, the same worker is judged when the burst ended long before the scenario did.
    const stoppedEarly = { ...evidence(stopped, [outcome(J, 'Queued', 'never-dispatched')]), span: { queuedAt: 0, settledAt: 7000 } }
    expect(ERR_004.check(stoppedEarly).verdict).toBe('fail')
  })
  it('does not judge a job left untaken when the burst ended too near the end of the scenario (a worker that came to it late), but still judges hasty re-polls', () => {
    const late = new Calls().poll(6500, 'a', 'InternalFailure').poll(6540, 'a', 'InternalFailure').poll(6590, 'a', 'InternalFailure')
    const lateEvidence = { ...evidence(late, [outcome(J, 'Queued', 'never-dispatched')]), span: { queuedAt: 0, settledAt: 7000 } }
    expect(ERR_004.check(lateEvidence)).toMatchObject({ verdict: 'unknown', findings: [] })
    const lateAndHasty = late.poll(6593, 'b', 'InternalFailure')
    expect(ERR_004.check({ ...lateEvidence, trace: lateAndHasty.entries }).findings.map((f) => f.message)).toEqual(['The worker polled again 3 ms after PollForJobs failed, without backing off.'])
  })
})
