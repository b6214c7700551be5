import { describe, expect, it } from 'vitest'
import { scenarioOf, TraceBuilder } from '../../../test/support/trace-builder.js'
import type { PlannedStopRecord } from '../../session/scenario-events.js'
import type { Evidence } from '../rule.js'
import { POLL_002 } from './poll-002.js'
import { POLL_003 } from './poll-003.js'
import { SHUT_001 } from './shut-001.js'
import { SHUT_002 } from './shut-002.js'
import { SHUT_003 } from './shut-003.js'
import { CONC_002 } from './conc-002.js'

const J = '11111111-2222-4333-8444-555555555555'
const K = '66666666-7777-4888-9999-aaaaaaaaaaaa'

/** One job worked (10 ms per call: the worker's turnaround), then empty polls `waits` ms apart beyond that turnaround. */
function idleEvidence(waits: number[], minPollIntervalMs = 25): Evidence {
  const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J)
  const afterSeq = trace.nextSeq - 1
  trace.poll([])
  for (const wait of waits) trace.after(wait).poll([])
  const entries = trace.build()
  return {
    scenario: { ...scenarioOf(J), idle: { polls: waits.length + 1, minPollIntervalMs } },
    trace: entries,
    outcomes: [],
    output: [],
    events: { idle: { afterSeq, untilSeq: entries.length, endedBy: 'polls' } },
  }
}

describe('POLL-002 no hot loop on an empty queue', () => {
  it('passes a worker that waits the minimum on average, some gaps shorter', () => {
    expect(POLL_002.check(idleEvidence([10, 40, 25, 30, 20, 25, 25]))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a worker that polls again at once, whatever its SDK turnaround', () => {
    const judgement = POLL_002.check(idleEvidence([0, 0, 0, 1, 0, 0, 0]))
    expect(judgement.verdict).toBe('fail')
    expect(judgement.findings).toEqual([
      {
        seq: 11,
        message:
          'The worker polled an empty queue 8 times in 71 ms: one poll every 10 ms on average, of which it waited about 0 ms (its fastest turnaround was 10 ms), less than 25 ms (minPollIntervalMs).',
        expected: ['an average wait of at least 25 ms between an empty answer and the next poll'],
        actual: 'PollForJobs #4 at 40 ms -> 200 ... PollForJobs #11 at 111 ms -> 200; gaps 10, 10, 10, 11, 10, 10, 10 ms',
      },
    ])
  })
  it('judges against the configured minimum', () => {
    expect(POLL_002.check(idleEvidence([150, 150, 150], 200)).verdict).toBe('fail')
    expect(POLL_002.check(idleEvidence([150, 150, 150], 100)).verdict).toBe('pass')
  })
  it('is unknown without an idle stretch of at least three polls', () => {
    expect(POLL_002.check(idleEvidence([30])).verdict).toBe('unknown')
  })
})

describe('POLL-003 back off with jitter', () => {
  it('fails a fixed interval: the same gap every time', () => {
    const judgement = POLL_003.check(idleEvidence([25, 25, 26, 25, 25, 25, 24, 25, 25]))
    expect(judgement.verdict).toBe('fail')
    expect(judgement.findings[0]?.message).toBe(
      'The worker polled an empty queue at a fixed interval: 9 gaps around 35 ms (interquartile spread 0% of the median), neither growing nor jittered.',
    )
  })
  it('passes jittered gaps', () => {
    expect(POLL_003.check(idleEvidence([25, 60, 31, 90, 44, 28, 75, 52, 36])).verdict).toBe('pass')
  })
  it('passes gaps that grow without jitter (backoff)', () => {
    expect(POLL_003.check(idleEvidence([25, 25, 50, 50, 100, 100, 200, 200, 200])).verdict).toBe('pass')
  })
  it('is unknown with too few gaps to tell', () => {
    expect(POLL_003.check(idleEvidence([25, 25, 25])).verdict).toBe('unknown')
  })
})

const stopAt = (signalSeq: number, exitSeq: number, extra: Partial<PlannedStopRecord> = {}): PlannedStopRecord => ({
  pid: 42,
  signalSeq,
  signalAt: signalSeq * 10,
  exitSeq,
  exitAt: exitSeq * 10 + 5,
  code: 0,
  signal: null,
  killed: false,
  graceMs: 3000,
  ...extra,
})
const stopped = (trace: TraceBuilder, stop: PlannedStopRecord, ...ids: string[]): Evidence => ({
  scenario: scenarioOf(...ids),
  trace: trace.build(),
  outcomes: [],
  output: [],
  events: { stop },
})

describe('SHUT-001 stop polling and claiming on SIGTERM, exit within the grace', () => {
  it('passes a worker that finishes its job and exits', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).getObject(J).success(J)
    expect(SHUT_001.check(stopped(trace, stopAt(2, 4), J, K))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('tolerates one poll already on the wire, and fails a worker that goes on polling and claiming', () => {
    const onePoll = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J).poll([])
    expect(SHUT_001.check(stopped(onePoll, stopAt(2, 4), J)).verdict).toBe('pass')
    const draining = new TraceBuilder()
      .poll([{ id: J, nonce: '1' }])
      .ack(J, '1', { status: 'InProgress' })
      .success(J)
      .poll([{ id: K, nonce: '1' }])
      .ack(K, '1', { status: 'InProgress' })
      .success(K)
      .poll([])
    const judgement = SHUT_001.check(stopped(draining, stopAt(2, 7), J, K))
    expect(judgement.findings).toEqual([
      {
        seq: 7,
        message: 'The worker went on polling after SIGTERM: 2 PollForJobs call(s) before it exited.',
        expected: ['no PollForJobs started after the signal (at most one already on the wire)'],
        actual: 'SIGTERM after call #2 at 20 ms, then PollForJobs #4 at 40 ms -> 200; PollForJobs #7 at 70 ms -> 200',
      },
      {
        jobId: K,
        seq: 5,
        message: `The worker claimed job ${K} after SIGTERM, from a poll it made after the signal.`,
        expected: ['no new claim after the signal'],
        actual: 'SIGTERM after call #2 at 20 ms, then AcknowledgeJob #5 at 50 ms -> 200',
      },
    ])
  })
  it('lets claims of jobs polled before the signal finish: a batch claimed at once', () => {
    const batch = new TraceBuilder()
      .poll([
        { id: J, nonce: '1' },
        { id: K, nonce: '1' },
      ])
      .ack(J, '1', { status: 'InProgress' })
      .ack(K, '1', { status: 'InProgress' })
      .success(J)
      .success(K)
    expect(SHUT_001.check(stopped(batch, stopAt(2, 5), J, K)).verdict).toBe('pass')
  })
  it('fails a worker that had to be killed, and ignores the calls of its successor', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).poll([]).poll([]).poll([])
    const judgement = SHUT_001.check(stopped(trace, stopAt(2, 2, { killed: true, code: null, signal: 'SIGKILL' }), J))
    expect(judgement.findings.map((f) => f.message)).toEqual(['The worker was still running 3000 ms after SIGTERM (shutdownGraceMs) and had to be killed.'])
  })
  it('is unknown when the signal was never sent', () => {
    expect(SHUT_001.check({ scenario: scenarioOf(J), trace: [], outcomes: [], output: [] }).verdict).toBe('unknown')
  })
})

describe('SHUT-002 report every job in flight before exiting', () => {
  it('passes a job finished, or failed SystemUnavailable, after the signal', () => {
    const finished = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J)
    expect(SHUT_002.check(stopped(finished, stopAt(2, 3), J))).toEqual({ verdict: 'pass', findings: [] })
    const failed = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).failure(J, { type: 'SystemUnavailable', message: 'stopping' })
    expect(SHUT_002.check(stopped(failed, stopAt(2, 3), J)).verdict).toBe('pass')
  })
  it('fails a worker that exits with an acknowledged job unreported, even if its successor reports it', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).poll([]).success(J)
    const judgement = SHUT_002.check(stopped(trace, stopAt(2, 2), J))
    expect(judgement.findings).toEqual([
      {
        jobId: J,
        seq: 2,
        message: `The worker exited after SIGTERM without reporting job ${J}, which it had acknowledged: the job waits for its timeout.`,
        expected: ['PutJobSuccessResult (done, or with a continuationToken) or PutJobFailureResult (SystemUnavailable) before exiting'],
        actual: 'AcknowledgeJob #2 at 20 ms -> 200, SIGTERM after call #2 at 20 ms, exit 0 with no result call',
      },
    ])
  })
  it('is unknown when no job was in flight at the signal', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J)
    expect(SHUT_002.check(stopped(trace, stopAt(3, 3), J)).verdict).toBe('unknown')
  })
})

describe('SHUT-003 leave jobs polled but not claimed alone', () => {
  it('passes a worker that leaves the polled job unclaimed', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }])
    expect(SHUT_003.check(stopped(trace, stopAt(1, 1), J))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a worker that fails a job it never acknowledged', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).failure(J, { type: 'SystemUnavailable', message: 'shutting down' }, 'InvalidJobStateException')
    const judgement = SHUT_003.check(stopped(trace, stopAt(1, 2), J))
    expect(judgement.findings).toEqual([
      {
        jobId: J,
        seq: 2,
        message: `The worker reported job ${J} while shutting down, though it had only polled it and never acknowledged it.`,
        expected: ['no result call for a job the worker never acknowledged: leave it to be dispatched again'],
        actual: 'SIGTERM after call #1 at 10 ms, then PutJobFailureResult #2 at 20 ms -> 400 InvalidJobStateException',
      },
    ])
  })
  it('is unknown when the worker had claimed every job it polled, and leaves its successor alone', () => {
    const claimed = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J)
    expect(SHUT_003.check(stopped(claimed, stopAt(1, 3), J)).verdict).toBe('unknown')
    const successor = new TraceBuilder().poll([{ id: J, nonce: '1' }]).poll([{ id: J, nonce: '2' }]).ack(J, '2', { status: 'InProgress' }).success(J)
    expect(SHUT_003.check(stopped(successor, stopAt(1, 1), J)).verdict).toBe('pass')
  })
})

describe('CONC-002 never hold more jobs than the declared concurrency', () => {
  const L = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff'
  const held = (trace: TraceBuilder, concurrency: number): Evidence => ({ scenario: { ...scenarioOf(J, K, L), concurrency }, trace: trace.build(), outcomes: [], output: [] })
  it('passes one job at a time', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J).poll([{ id: K, nonce: '1' }]).ack(K, '1', { status: 'InProgress' }).failure(K, {})
    expect(CONC_002.check(held(trace, 1))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a worker that claims a whole batch at once, and passes it when it declares that concurrency', () => {
    const batch = () =>
      new TraceBuilder()
        .poll([
          { id: J, nonce: '1' },
          { id: K, nonce: '1' },
        ])
        .ack(J, '1', { status: 'InProgress' })
        .ack(K, '1', { status: 'InProgress' })
        .success(J)
        .success(K)
    expect(CONC_002.check(held(batch(), 1)).findings).toEqual([
      {
        jobId: K,
        seq: 3,
        message: 'The worker held 2 acknowledged, unreported jobs at once, more than its concurrency of 1.',
        expected: ['at most 1 job(s) acknowledged and not yet reported at any moment'],
        actual: `AcknowledgeJob #3 at 30 ms -> 200 while ${J} were still unreported`,
      },
    ])
    expect(CONC_002.check(held(batch(), 2)).verdict).toBe('pass')
  })
  it('does not count a claim refused or answered another status, and is unknown below two claims', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).ack(K, '1', { error: 'InvalidNonceException' }).ack(L, '1', { status: 'TimedOut' })
    expect(CONC_002.check(held(trace, 1)).verdict).toBe('unknown')
  })
})
