import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scenarioWith, TraceBuilder } from '../../../test/support/trace-builder.js'
import { jobData } from '../../service/jobs/job-data.js'
import type { JobRecord } from '../../service/jobs/job-store.js'
import { varyPayload } from '../../service/jobs/payload-variation.js'
import { codePipelineModel } from '../../service/model/service-model.js'
import { validateShape } from '../../service/model/validate-shape.js'
import { jobSpecFixture } from '../../service/testing/job-spec-fixture.js'
import { maximalUnicodeValueArbitrary, payloadVariationArbitrary } from '../../scenarios/payload-variation.js'
import type { Evidence } from '../rule.js'
import { POLL_004 } from './poll-004.js'

const J = '11111111-2222-4333-8444-555555555555'
const K = '66666666-7777-4888-9999-aaaaaaaaaaaa'
const scenario = scenarioWith({ id: J, payload: { omit: ['pipelineContext.stage'], legacyTypeMembers: true } }, { id: K })
const evidence = (trace: Evidence['trace']): Evidence => ({ scenario, trace, outcomes: [], output: [] })

describe('POLL-004 tolerate unknown and absent optional members', () => {
  it('passes a varied job acknowledged and reported', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).success(J).build()
    expect(POLL_004.check(evidence(trace))).toEqual({ verdict: 'pass', findings: [] })
  })
  it('fails a varied job never acknowledged, naming the variation, and ignores the ordinary job beside it', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }, { id: K, nonce: '2' }]).ack(K, '2', { status: 'InProgress' }).success(K).build()
    const judgement = POLL_004.check(evidence(trace))
    expect(judgement.verdict).toBe('fail')
    expect(judgement.findings.map((f) => [f.jobId, f.seq, f.message])).toEqual([
      [J, 1, `PollForJobs #1 handed the worker job ${J} with pipelineContext.stage absent, nested legacy "__type" members, and the worker never acknowledged it: it crashed or skipped the job.`],
    ])
  })
  it('fails a varied job acknowledged and never reported', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { status: 'InProgress' }).build()
    expect(POLL_004.check(evidence(trace)).findings[0]?.actual).toBe('no result call for the job after AcknowledgeJob #2')
  })
  it('leaves a varied job reported without a claim to ACK-001: the worker handled it, it did not crash on it', () => {
    const trace = new TraceBuilder().poll([{ id: J, nonce: '1' }]).success(J).build()
    expect(POLL_004.check(evidence(trace)).verdict).toBe('unknown')
  })
  it('is unknown when the varied job was never handed out, or its claim was refused', () => {
    expect(POLL_004.check(evidence(new TraceBuilder().poll([]).build())).verdict).toBe('unknown')
    const refused = new TraceBuilder().poll([{ id: J, nonce: '1' }]).ack(J, '1', { error: 'InvalidNonceException' }).build()
    expect(POLL_004.check(evidence(refused)).verdict).toBe('unknown')
  })
})

describe('payload variations on the wire', () => {
  const record = (payload: NonNullable<ReturnType<typeof jobSpecFixture>['payload']>, config: Record<string, string> = {}): JobRecord =>
    ({
      spec: { ...jobSpecFixture({ actionConfiguration: config, outputArtifacts: [] }), payload },
      artifactCredentials: { accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 's', sessionToken: 't' },
    }) as unknown as JobRecord

  it('leaves out the named members and adds the legacy "__type" members', () => {
    const data = jobData(record({ omit: ['pipelineContext.stage', 'outputArtifacts'], legacyTypeMembers: true }))
    expect(data.outputArtifacts).toBeUndefined()
    expect(data.pipelineContext).not.toHaveProperty('stage')
    expect(data.pipelineContext).toMatchObject({ __type: 'PipelineContext' })
    expect(data.artifactCredentials).toMatchObject({ __type: 'AWSSessionCredentials', accessKeyId: 'ASIAEXAMPLEEXAMPLE01' })
  })
  it('never hides artifacts a job has', () => {
    expect(varyPayload({ inputArtifacts: [{ name: 'a' }] }, { omit: ['inputArtifacts'] })).toEqual({ inputArtifacts: [{ name: 'a' }] })
  })
  it('keeps every variation valid under the model (unknown members are ignored there, as AWS sends them)', () => {
    fc.assert(
      fc.property(payloadVariationArbitrary(), maximalUnicodeValueArbitrary(), (payload, note) => {
        const data = jobData(record(payload, { ConformNote: note }))
        expect(validateShape(codePipelineModel, 'JobData', data)).toEqual({ kind: 'valid' })
      }),
      { numRuns: 30 },
    )
  })
})
