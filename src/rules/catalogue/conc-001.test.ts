import { describe, expect, it } from 'vitest'
import { scenarioOf, TraceBuilder } from '../../../test/support/trace-builder.js'
import type { ReplicaRecord } from '../../session/scenario-events.js'
import type { Evidence } from '../rule.js'
import { CONC_001, holdMs } from './conc-001.js'

const J = '11111111-2222-4333-8444-555555555555'
const FIRST = 'AKIAREPLICAONE000001'
const SECOND = 'AKIAREPLICATWO000002'
const THIRD = 'AKIAREPLICATHREE0003'
const replicas: ReplicaRecord = {
  workers: [
    { replica: 1, accessKeyId: FIRST, pid: 11 },
    { replica: 2, accessKeyId: SECOND, pid: 12 },
    { replica: 3, accessKeyId: THIRD, pid: 13 },
  ],
}
/** A poll answer handing out J with artifact credentials of its own, as the fake gives each poll of a raced dispatch. */
const handOut = (artifactKey: string) => [{ id: J, nonce: '7', data: { artifactCredentials: { accessKeyId: artifactKey, secretAccessKey: 's', sessionToken: 't' } } }]
const evidence = (trace: TraceBuilder, record: ReplicaRecord | 'one instance' = replicas): Evidence => ({
  scenario: { ...scenarioOf(J), replicas: 3 },
  trace: trace.build(),
  outcomes: [],
  output: [],
  ...(record !== 'one instance' ? { events: { replicas: record } } : {}),
})
/** Replica 1 polls and claims J; replica 2 is handed the same dispatch after the claim. */
const raced = () =>
  new TraceBuilder()
    .signedBy(FIRST)
    .poll(handOut('ASIAONE'))
    .ack(J, '7', { status: 'InProgress' })
    .signedBy(SECOND)
    .poll(handOut('ASIATWO'))

describe('CONC-001 replicas on one queue: only the claiming replica works the job', () => {
  it('passes when the replica handed a claimed dispatch is refused and drops it, while the claimant works and reports', () => {
    const trace = raced().ack(J, '7', { error: 'InvalidNonceException' }).signedBy(FIRST).s3('GetObject', J, { accessKeyId: 'ASIAONE' }).success(J)
    expect(CONC_001.check(evidence(trace))).toEqual({ verdict: 'pass', findings: [] })
  })

  it('fails a replica that works a job a sibling holds without acknowledging it, naming the replica and each call, S3 calls by the credentials its poll got', () => {
    const trace = raced().s3('GetObject', J, { accessKeyId: 'ASIATWO' }).success(J).signedBy(FIRST).success(J, 'InvalidJobStateException')
    const judgement = CONC_001.check(evidence(trace))
    expect(judgement.verdict).toBe('fail')
    expect(judgement.findings).toEqual([
      {
        jobId: J,
        seq: 4,
        message: `Replica 1 holds job ${J} (its AcknowledgeJob #2 was answered InProgress), but replica 2 accessed the artifacts of job ${J} (GetObject) though it never acknowledged the job.`,
        expected: ['only replica 1, whose claim was answered InProgress, works and reports the job; replica 2 drops it'],
        actual: 'GetObject #4 at 40 ms -> 200, signed by replica 2 (artifact credentials handed to it, ASIATWO)',
      },
      {
        jobId: J,
        seq: 5,
        message: `Replica 1 holds job ${J} (its AcknowledgeJob #2 was answered InProgress), but replica 2 reported a result for job ${J} though it never acknowledged the job.`,
        expected: ['only replica 1, whose claim was answered InProgress, works and reports the job; replica 2 drops it'],
        actual: `PutJobSuccessResult #5 at 50 ms -> 200, signed by replica 2 (its worker key, ${SECOND})`,
      },
    ])
  })

  it("fails artifact access after the replica's own refused claim, and leaves its result then to NONCE-002", () => {
    const downloads = raced().ack(J, '7', { error: 'InvalidNonceException' }).s3('GetObject', J, { accessKeyId: 'ASIATWO' })
    expect(CONC_001.check(evidence(downloads)).findings.map((f) => [f.seq, f.message.endsWith('after its own AcknowledgeJob #4 was refused.')])).toEqual([[5, true]])
    const reports = raced().ack(J, '7', { error: 'InvalidNonceException' }).failure(J, { type: 'JobFailed', message: 'taken' })
    expect(CONC_001.check(evidence(reports)).verdict).toBe('pass')
  })

  it('leaves calls before the claim to ACK-001 and ACK-003: a replica that prefetches, then is refused, passes', () => {
    const trace = new TraceBuilder()
      .signedBy(FIRST)
      .poll(handOut('ASIAONE'))
      .signedBy(SECOND)
      .poll(handOut('ASIATWO'))
      .s3('GetObject', J, { accessKeyId: 'ASIATWO' })
      .signedBy(FIRST)
      .ack(J, '7', { status: 'InProgress' })
      .signedBy(SECOND)
      .ack(J, '7', { error: 'InvalidNonceException' })
    expect(CONC_001.check(evidence(trace)).verdict).toBe('pass')
  })

  it('is unknown when the dispatch reached one replica only, when nobody claimed it, or when one instance ran', () => {
    const alone = new TraceBuilder().signedBy(FIRST).poll(handOut('ASIAONE')).ack(J, '7', { status: 'InProgress' }).success(J)
    expect(CONC_001.check(evidence(alone)).verdict).toBe('unknown')
    const unclaimed = new TraceBuilder().signedBy(FIRST).poll(handOut('ASIAONE')).signedBy(SECOND).poll(handOut('ASIATWO')).success(J, 'InvalidJobStateException')
    expect(CONC_001.check(evidence(unclaimed)).verdict).toBe('unknown')
    expect(CONC_001.check(evidence(raced(), 'one instance'))).toEqual({ verdict: 'unknown', findings: [], note: 'the scenario ran one instance of the worker' })
  })

  it('races one job per scenario among two or three replicas, holding the winning claim\'s answer a third of the job timeout at most (1 to 5 s)', async () => {
    const fc = await import('fast-check')
    const context = { actionTypeId: { category: 'Build', owner: 'Custom', provider: 'P', version: '1' }, region: 'us-east-1', jobTimeoutMs: 9_000 } as const
    for (const scenario of fc.sample(CONC_001.scenario(context), { seed: 3, numRuns: 20 })) {
      expect([2, 3]).toContain(scenario.replicas)
      expect(scenario.jobs.map((job) => [job.race, job.faults])).toEqual([[{ polls: scenario.replicas, holdMs: 3000 }, undefined]])
    }
    expect([holdMs({ ...context, jobTimeoutMs: 3000 }), holdMs({ ...context, jobTimeoutMs: 100_000 }), holdMs({ ...context, jobTimeoutMs: 1000 })]).toEqual([1000, 5000, 1000])
  })
})
