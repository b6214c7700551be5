import { RESULTS_SCHEMA_VERSION, type Results, type RuleResult } from '../../src/report/results.js'

/**
 * A realistic Results object for the renderers' tests (and the HTML preview):
 * one pass, one fail with a shrunk counterexample, one n/a and one unknown,
 * across three areas. Imported only by tests; each call returns a fresh copy
 * so a test may mutate it.
 */
export function sampleResults(): Results {
  const rules: RuleResult[] = [ackFailure(), noncePass(), resultUnknown(), continuationNotApplicable()]
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'codepipeline-conform', version: '0.1.0' },
    catalogueVersion: '0.1.0',
    worker: {
      path: 'fixtures/workers/ack-001-skips-ack',
      command: ['node', 'worker.js'],
      actionType: { category: 'Build', owner: 'Custom', provider: 'ConformBuild', version: '1' },
      mode: 'process',
    },
    command: 'conform fixtures/workers/ack-001-skips-ack --seed 1234',
    seed: 1234,
    runs: 25,
    selection: { requested: [], rules: rules.map((rule) => rule.id) },
    node: 'v20.19.0',
    startedAt: '2025-05-01T10:00:00.000Z',
    finishedAt: '2025-05-01T10:00:12.345Z',
    durationMs: 12_345,
    complete: true,
    rules,
    totals: { pass: 1, fail: 1, 'n/a': 1, error: 0, unknown: 1, scenarios: 25 + 31 + 25 },
  }
}

function ackFailure(): RuleResult {
  const jobId = '6d1c8a8e-3f2b-4c55-9b1a-2f7c9d0e4a11'
  return {
    id: 'ACK-001',
    area: 'acknowledgement',
    level: 'MUST',
    title: 'Acknowledge before reporting',
    requirement:
      'A worker MUST call AcknowledgeJob for a job before it reports any result (PutJobSuccessResult or PutJobFailureResult) for that job.',
    rationale: 'Acknowledging with the nonce is how a worker claims a job.',
    sources: [
      'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3)',
      'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html',
    ],
    verdict: 'fail',
    summary: 'The worker reported a result for a job it never acknowledged (1 finding after 4 shrinks).',
    scenariosRun: 31,
    durationMs: 6_120,
    counterexample: {
      scenario: { jobs: [{ id: jobId, nonces: ['1'], behaviour: { kind: 'normal' }, inputArtifacts: [], outputArtifacts: [] }] },
      shrinks: 4,
      findings: [
        {
          jobId,
          seq: 2,
          message: `The worker reported a result for job ${jobId} without acknowledging it first.`,
          expected: ['AcknowledgeJob(jobId, nonce) before any result call', 'no result call at all'],
          actual: 'PutJobSuccessResult #2 at 41 ms -> 200',
        },
      ],
      trace: [
        {
          seq: 1,
          at: 12.5,
          service: 'codepipeline',
          operation: 'PollForJobs',
          accessKeyId: 'AKIDCONFORMTEST',
          request: { actionTypeId: { category: 'Build', owner: 'Custom', provider: 'ConformBuild', version: '1' }, maxBatchSize: 1 },
          response: { status: 200, body: { jobs: [{ id: jobId, nonce: '1' }] } },
        },
        {
          seq: 2,
          at: 41.2,
          service: 'codepipeline',
          operation: 'PutJobSuccessResult',
          jobId,
          request: { jobId },
          response: { status: 200 },
        },
        {
          seq: 3,
          at: 60,
          service: 'codepipeline',
          operation: 'AcknowledgeJob',
          jobId,
          request: { jobId, nonce: '1' },
          response: { status: 400, errorType: 'InvalidJobStateException', body: { __type: 'InvalidJobStateException', message: 'Job is not in progress' } },
        },
      ],
      workerOutput: [
        { at: 5, stream: 'stdout', text: 'worker: polling for Build/Custom/ConformBuild/1' },
        { at: 40, stream: 'stdout', text: `worker: job ${jobId} done` },
        { at: 61, stream: 'stderr', text: 'worker: AcknowledgeJob failed: InvalidJobStateException' },
      ],
      replay: 'npx conform fixtures/workers/ack-001-skips-ack --rule ACK-001 --seed 1234 --replay 17:0:0:0:0',
    },
  }
}

function noncePass(): RuleResult {
  return {
    id: 'NONCE-001',
    area: 'nonce',
    level: 'MUST',
    title: 'Acknowledge with the nonce of that dispatch',
    requirement: 'A worker MUST acknowledge a job with the nonce that the PollForJobs answer which handed it that job carried, unchanged.',
    rationale: 'The nonce proves which dispatch the worker is claiming.',
    sources: ['https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html', 'botocore codepipeline 2015-07-09 service model, shape Nonce'],
    verdict: 'pass',
    summary: 'Held in 25 scenarios (41 acknowledgements).',
    scenariosRun: 25,
    durationMs: 3_010,
  }
}

function resultUnknown(): RuleResult {
  return {
    id: 'RESULT-001',
    area: 'results',
    level: 'MUST',
    title: 'Exactly one result per acknowledged job',
    requirement: 'For every job it acknowledged successfully, a worker MUST report exactly one result before the job times out.',
    rationale: 'A job left without a result blocks its pipeline until the action times out.',
    sources: ['https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html'],
    verdict: 'unknown',
    summary: 'No scenario reached the situation: the worker acknowledged no job before the 5000 ms scenario deadline.',
    scenariosRun: 25,
    durationMs: 3_200,
  }
}

function continuationNotApplicable(): RuleResult {
  return {
    id: 'CONT-001',
    area: 'continuation',
    level: 'SHOULD',
    title: 'Resume from the continuation token',
    requirement: 'A worker that declares continuation support SHOULD resume a re-dispatched job from its continuationToken.',
    rationale: 'Long-running actions report progress through continuation tokens.',
    sources: ['https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PutJobSuccessResult.html'],
    verdict: 'n/a',
    summary: 'The worker does not declare the continuation capability.',
    scenariosRun: 0,
    durationMs: 0,
  }
}
