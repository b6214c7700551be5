import fc from 'fast-check'
import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { ackStatusBehaviour, anyBehaviour, normalBehaviour, stolenBehaviour } from '../../scenarios/job-behaviour.js'
import { instantiateScenario } from '../../scenarios/instantiate.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { toJobSpecs } from '../../scenarios/to-job-specs.js'
import { createFakeService, type FakeService } from '../fake-service.js'
import type { JobSpec } from '../jobs/job-spec.js'
import { jobSpecFixture, TEST_ACTION_TYPE, WORKER_CREDENTIALS } from '../testing/job-spec-fixture.js'
import { codePipelineHeaders, signedRequest } from '../testing/sign-request.js'
import { codePipelineModel as model } from './service-model.js'
import { validateShape } from './validate-shape.js'

/**
 * The fake must never send what the model forbids: every answer it gives to
 * PollForJobs, AcknowledgeJob and GetJobDetails, for the jobs the suites
 * generate, must be valid under the operation's output shape, and every
 * error must be one the operation may raise.
 */

const REGION = 'us-east-1'
/** Errors any AWS JSON call may answer besides the modeled ones (CommonErrors, plus the SigV4 ones the fake sends). */
const COMMON_ERRORS = ['AccessDeniedException', 'InvalidSignatureException', 'MissingAuthenticationTokenException', 'UnrecognizedClientException']

interface Played {
  operation: string
  status: number
  body: unknown
}

async function call(service: FakeService, operation: string, input: Record<string, unknown>, played: Played[]): Promise<unknown> {
  const request = await signedRequest(
    'https://codepipeline.us-east-1.amazonaws.com/',
    { method: 'POST', headers: codePipelineHeaders(operation), body: JSON.stringify(input) },
    WORKER_CREDENTIALS,
    { region: REGION, service: 'codepipeline' },
  )
  const response = await getResponse(service.handlers, request)
  if (!response) throw new Error(`no handler answered ${operation}`)
  const text = await response.text()
  const body: unknown = text === '' ? undefined : JSON.parse(text)
  played.push({ operation, status: response.status, body })
  return body
}

/** Polls until the queue is empty, acknowledging each job (sometimes with a wrong nonce first) and reading its details. */
async function play(jobs: JobSpec[], batch: number, wrongNonceFirst: boolean): Promise<Played[]> {
  const service = createFakeService({ region: REGION, workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
  const played: Played[] = []
  try {
    service.enqueue(jobs)
    for (let round = 0; round < jobs.length * 3 + 2; round++) {
      const answer = (await call(service, 'PollForJobs', { actionTypeId: TEST_ACTION_TYPE, maxBatchSize: batch }, played)) as { jobs?: { id: string; nonce: string }[] }
      const polled = answer.jobs ?? []
      if (polled.length === 0) break
      for (const job of polled) {
        if (wrongNonceFirst) await call(service, 'AcknowledgeJob', { jobId: job.id, nonce: `x${job.nonce}`.slice(0, 50) }, played)
        await call(service, 'AcknowledgeJob', { jobId: job.id, nonce: job.nonce }, played)
        await call(service, 'GetJobDetails', { jobId: job.id }, played)
      }
    }
    await call(service, 'GetJobDetails', { jobId: '00000000-0000-4000-8000-000000000000' }, played)
  } finally {
    service.close()
  }
  return played
}

function problems(played: Played[]): string[] {
  const found: string[] = []
  for (const { operation, status, body } of played) {
    const spec = model.operations[operation]
    if (!spec) {
      found.push(`${operation}: not in the model`)
      continue
    }
    if (status === 200) {
      if (body === undefined) continue
      if (spec.output === undefined) {
        found.push(`${operation}: sent a body, but the operation has no output shape`)
        continue
      }
      const validation = validateShape(model, spec.output, body)
      if (validation.kind !== 'valid') found.push(`${operation}: ${validation.message}`)
    } else {
      const code = (body as { __type?: string } | undefined)?.__type ?? '(none)'
      if (!spec.errors.includes(code) && !COMMON_ERRORS.includes(code)) found.push(`${operation}: answered ${code}, which the model does not list`)
    }
  }
  return found
}

describe('every answer the fake sends is valid under the model', () => {
  it('for the fixture jobs, whatever their behaviour, with a continuation token and an encryption key', async () => {
    const jobs = [
      jobSpecFixture(),
      jobSpecFixture({ behaviour: { kind: 'stolen' } }),
      jobSpecFixture({ behaviour: { kind: 'ack-status', status: 'Queued' } }),
      jobSpecFixture({ behaviour: { kind: 'ack-status', status: 'TimedOut' } }),
      jobSpecFixture({ continuationToken: 'c'.repeat(2048), encryptionKey: { id: 'arn:aws:kms:us-east-1:111122223333:alias/artifacts', type: 'KMS' } }),
      // POLL-004's variations: optional members left out, and the nested legacy `__type` members AWS's own sample response carries (the model ignores members it does not name).
      jobSpecFixture({ outputArtifacts: [], payload: { omit: ['pipelineContext.stage', 'pipelineContext.action', 'pipelineContext.pipelineArn', 'outputArtifacts'], legacyTypeMembers: true } }),
    ]
    const played = await play(jobs, 2, true)
    expect(played.map((p) => p.operation)).toContain('GetJobDetails')
    expect(problems(played)).toEqual([])
  })

  it('for the jobs the suites generate (fast-check, scenario arbitraries)', async () => {
    const shapes = [{ behaviour: anyBehaviour() }, { behaviour: stolenBehaviour() }, { behaviour: ackStatusBehaviour() }, { behaviour: normalBehaviour(), encryptionKey: 'always' as const }]
    const scenarios = fc.tuple(
      scenarioArbitrary({ actionTypeId: TEST_ACTION_TYPE, region: REGION }, shapes, { extraJobs: 2 }),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
    )
    await fc.assert(
      fc.asyncProperty(scenarios, async ([scenario, batch, wrongNonceFirst]) => {
        const played = await play(toJobSpecs(instantiateScenario(scenario)), batch, wrongNonceFirst)
        expect(problems(played)).toEqual([])
      }),
      { numRuns: 40 },
    )
  })

  it('refuses to queue a job the model forbids, so it can never be sent', () => {
    const service = createFakeService({ region: REGION, workerCredentials: WORKER_CREDENTIALS, actionTypes: [TEST_ACTION_TYPE], jobTimeoutMs: 60_000 })
    try {
      const spec = jobSpecFixture({ actionConfiguration: { ProjectName: 'p'.repeat(1001) }, nonces: [''] })
      expect(() => service.enqueue([spec])).toThrow(
        `conform: job ${spec.id} cannot be queued in the fake service because CodePipeline would never send it: 2 validation errors detected: ` +
          "Value at 'data.actionConfiguration.configuration' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 1000]; " +
          "Value at 'nonce' failed to satisfy constraint: Member must have length greater than or equal to 1. " +
          'The scenario that generated it breaks the CodePipeline model; please report this with the scenario seed.',
      )
      expect(service.job(spec.id)).toBeUndefined()
    } finally {
      service.close()
    }
  })
})
