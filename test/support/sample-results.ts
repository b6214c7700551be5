import { configHash } from '../../src/config/config-hash.js'
import { RESULTS_SCHEMA_VERSION, type Results, type RuleResult } from '../../src/report/results.js'

/**
 * A realistic Results object for the renderers' tests (and the HTML preview):
 * one pass, one fail with a shrunk counterexample, one n/a and one unknown,
 * across three areas. Imported only by tests; each call returns a fresh copy
 * so a test may mutate it.
 */
const SAMPLE_CONFIG = {
  command: ['node', 'worker.js'],
  actionType: { category: 'Build', owner: 'Custom', provider: 'ConformBuild', version: '1' },
  env: { POLL_INTERVAL_MS: '25' },
  profile: 'custom',
  shutdownGraceMs: 5000,
  startupTimeoutMs: 15000,
  jobTimeoutMs: 3000,
  skip: {},
  capabilities: { lacks: ['continuation'] },
}

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
      configSource: 'fixtures/workers/ack-001-skips-ack/conform.config.json',
      config: SAMPLE_CONFIG,
      configHash: configHash(SAMPLE_CONFIG),
    },
    command: 'conform fixtures/workers/ack-001-skips-ack --seed 1234',
    seed: 1234,
    runs: 25,
    selection: {
      requested: [],
      rules: rules.map((rule) => rule.id),
      ran: ['ACK-001', 'NONCE-001', 'RESULT-001'],
      skipped: [],
      notApplicable: [{ id: 'CONT-001', reason: 'The worker does not declare the continuation capability.' }],
    },
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

/** T with every optional field made required, all the way down (values typed `unknown` stay as they are). */
export type DeepRequired<T> = T extends readonly (infer Item)[] ? DeepRequired<Item>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T

/**
 * The sample with every optional field of the model set. Typed DeepRequired,
 * so adding a field to `Results` (or to a type it holds) fails the typecheck
 * until the field is added here too; the schema test then fails until it is
 * added to docs/results-schema.json.
 */
export function fullResults(): DeepRequired<Results> {
  const base = sampleResults()
  const failing = ackFailure()
  const example = failing.counterexample!
  const finding = example.findings[0]!
  const entry = example.trace[2]!
  return {
    schemaVersion: base.schemaVersion,
    tool: base.tool,
    catalogueVersion: base.catalogueVersion,
    worker: {
      path: base.worker.path,
      command: ['node', 'worker.js'],
      actionType: base.worker.actionType,
      mode: 'process',
      configSource: base.worker.configSource,
      config: base.worker.config,
      configHash: base.worker.configHash,
      exits: [{ at: 812.5, pid: 4242, code: null, signal: 'SIGKILL', hung: true }],
    },
    command: base.command,
    seed: base.seed,
    runs: base.runs,
    selection: { requested: ['ACK'], rules: ['ACK-001'], ran: ['ACK-001'], skipped: [{ id: 'POLL-003', reason: 'We poll on a fixed schedule by design.' }], notApplicable: [{ id: 'ART-002', reason: 'Not applicable: the worker config declares it lacks "encryption" (capabilities.lacks), which this rule needs.' }] },
    node: base.node,
    startedAt: base.startedAt,
    finishedAt: base.finishedAt,
    durationMs: base.durationMs,
    complete: false,
    strict: true,
    interruption: 'The run was interrupted (SIGINT) after 12.3 s.',
    shard: { index: 1, count: 2 },
    callsServed: 4321,
    rules: [
      {
        ...failing,
        counterexample: {
          ...example,
          findings: [{ jobId: finding.jobId!, seq: finding.seq!, message: finding.message, expected: finding.expected, actual: finding.actual }],
          trace: [{ ...entry, jobId: entry.jobId!, accessKeyId: 'AKIDCONFORMTEST', signer: 'worker', signatureValid: true, sdkAttempt: { invocationId: '6b0a1d2e-0000-4000-8000-000000000001', attempt: 2, max: 3 }, fault: 'ThrottlingException', response: { status: 400, errorType: entry.response.errorType!, body: entry.response.body } }],
        },
      },
    ],
    totals: { pass: 0, fail: 1, 'n/a': 0, error: 0, unknown: 0, scenarios: 31 },
  }
}

/** Markup that sets `window.__pwned` if a rendering lets it run, in every shape a browser would run it. */
export const HOSTILE_PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '"><svg onload=window.__pwned=1>',
] as const

/**
 * The sample with every worker-controlled string (path, command, summaries,
 * findings, trace, output, replay, sources) carrying the hostile payloads,
 * plus Markdown look-alikes (pipes, backticks, a leading #, a javascript:
 * link) and long unbroken strings like a real job id or JSON line.
 */
export function hostileResults(): Results {
  const hostile = HOSTILE_PAYLOADS.join(' ')
  const markdown = '# heading | pipe `tick` [click](javascript:window.__pwned=1) **bold** <b>bold</b> &amp;'
  const longId = `job-${'0123456789abcdef'.repeat(12)}`
  const results = sampleResults()
  results.worker.path = `./workers/${hostile}`
  results.command = `conform ${hostile}`
  const rule = results.rules[0]!
  rule.title = `Acknowledge ${hostile}`
  rule.summary = `${hostile} ${markdown}`
  rule.sources = ['javascript:window.__pwned=1', 'https://docs.aws.amazon.com/x.html"><svg onload=window.__pwned=1>']
  const example = rule.counterexample!
  example.scenario = { jobs: [{ id: longId, note: hostile, blob: 'x'.repeat(400) }] }
  example.findings = [{ jobId: longId, seq: 2, message: `${hostile} ${markdown}`, expected: [hostile, markdown], actual: `${hostile} ${'```'} ${markdown}` }]
  example.trace = example.trace.map((entry) => ({ ...entry, jobId: longId, request: { jobId: longId, note: hostile }, response: { status: 400, errorType: hostile, body: { message: hostile, token: 'y'.repeat(300) } } }))
  example.workerOutput = [
    { at: 1, stream: 'stderr', text: `\x1b[31m${hostile}\x1b[0m` },
    { at: 2, stream: 'stdout', text: `worker: ${JSON.stringify({ job: longId, payload: 'z'.repeat(300) })}` },
  ]
  example.replay = `npx conform ./workers --rule ACK-001 --seed 1234 --replay 17:0:0 # ${hostile} \`${markdown}\``
  results.rules[1]!.summary = markdown
  return results
}

/**
 * A big run: `rules` failing rules, each with a counterexample of `calls`
 * trace entries and `lines` lines of worker output, bodies of about
 * `bodyChars` characters. For the size tests of the reports.
 */
export function largeResults(options: { rules: number; calls: number; lines: number; bodyChars: number }): Results {
  const results = sampleResults()
  const template = results.rules[0]!
  results.rules = Array.from({ length: options.rules }, (_, r) => {
    const jobId = `${r.toString(16).padStart(8, '0')}-3f2b-4c55-9b1a-2f7c9d0e4a11`
    const padding = 'p'.repeat(options.bodyChars)
    return {
      ...template,
      id: `BIG-${String(r + 1).padStart(3, '0')}`,
      area: `area-${r % 5}`,
      scenariosRun: 17,
      counterexample: {
        ...template.counterexample!,
        findings: [{ jobId, seq: 150, message: `Finding in rule ${r + 1}`, expected: ['a result call'], actual: 'none' }],
        trace: Array.from({ length: options.calls }, (_, i) => ({
          seq: i + 1,
          at: i * 3.5,
          service: 'codepipeline' as const,
          operation: i % 2 === 0 ? 'PollForJobs' : 'AcknowledgeJob',
          jobId,
          request: { jobId, nonce: String(i), padding },
          response: { status: 200, body: { jobs: [{ id: jobId, nonce: String(i), data: { padding } }] } },
        })),
        workerOutput: Array.from({ length: options.lines }, (_, i) => ({
          at: i,
          stream: i % 10 === 0 ? ('stderr' as const) : ('stdout' as const),
          text: `worker: line ${i} of job ${jobId}: ${'lorem ipsum dolor sit amet '.repeat(3)}`,
        })),
      },
    }
  })
  results.selection.rules = results.rules.map((rule) => rule.id)
  results.selection.ran = results.selection.rules
  results.selection.notApplicable = []
  results.totals = { pass: 0, fail: options.rules, 'n/a': 0, error: 0, unknown: 0, scenarios: options.rules * 17 }
  return results
}
