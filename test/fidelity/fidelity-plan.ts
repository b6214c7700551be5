import type { FakeService } from '../../src/service/fake-service.js'
import { jobSpecFixture, TEST_ACTION_TYPE } from '../../src/service/testing/job-spec-fixture.js'

/**
 * One script of CodePipeline calls every client in the fidelity matrix makes,
 * in order, against a fresh fake: the whole job life (poll, acknowledge, get
 * details, success, failure, continuation) and every error the job API
 * models, plus the transient ones the fake injects. Each client must answer
 * each step the same way, and parse each error into its own exception class.
 */
export interface Step {
  name: string
  operation: string
  input: Record<string, unknown>
  /** 'ok', or the error code the call must raise. */
  expect: string
}

export const JOB = {
  A: '0a000000-0000-4000-8000-00000000000a',
  B: '0b000000-0000-4000-8000-00000000000b',
  C: '0c000000-0000-4000-8000-00000000000c',
  D: '0d000000-0000-4000-8000-00000000000d',
  E: '0e000000-0000-4000-8000-00000000000e',
} as const
const UNKNOWN_JOB = '0f000000-0000-4000-8000-00000000000f'
export const CONTINUATION_TOKEN = 'resume-from-step-2'

/** Errors the job API models: a client has a class for each. The transient three are common errors, not in the model. */
export const MODELLED_ERRORS = ['InvalidNonceException', 'JobNotFoundException', 'InvalidJobStateException', 'ActionTypeNotFoundException', 'ValidationException', 'OutputVariablesSizeExceededException']
export const TRANSIENT_ERRORS = ['ThrottlingException', 'InternalFailure', 'ServiceUnavailable']

const poll = (maxBatchSize: number) => ({ actionTypeId: TEST_ACTION_TYPE, maxBatchSize })

export const STEPS: Step[] = [
  ...TRANSIENT_ERRORS.map((code) => ({ name: `poll answered ${code}`, operation: 'PollForJobs', input: poll(1), expect: code })),
  { name: 'poll', operation: 'PollForJobs', input: poll(5), expect: 'ok' },
  { name: 'acknowledge', operation: 'AcknowledgeJob', input: { jobId: JOB.A, nonce: '1' }, expect: 'ok' },
  { name: 'get details', operation: 'GetJobDetails', input: { jobId: JOB.A }, expect: 'ok' },
  { name: 'success', operation: 'PutJobSuccessResult', input: { jobId: JOB.A, executionDetails: { summary: 'built', percentComplete: 100 } }, expect: 'ok' },
  { name: 'acknowledge for failure', operation: 'AcknowledgeJob', input: { jobId: JOB.B, nonce: '1' }, expect: 'ok' },
  { name: 'failure', operation: 'PutJobFailureResult', input: { jobId: JOB.B, failureDetails: { type: 'JobFailed', message: 'tests failed' } }, expect: 'ok' },
  { name: 'acknowledge for continuation', operation: 'AcknowledgeJob', input: { jobId: JOB.C, nonce: '1' }, expect: 'ok' },
  { name: 'continuation', operation: 'PutJobSuccessResult', input: { jobId: JOB.C, continuationToken: CONTINUATION_TOKEN }, expect: 'ok' },
  { name: 'poll the continuation job', operation: 'PollForJobs', input: poll(1), expect: 'ok' },
  { name: 'wrong nonce', operation: 'AcknowledgeJob', input: { jobId: JOB.D, nonce: 'not-the-nonce' }, expect: 'InvalidNonceException' },
  { name: 'unknown job', operation: 'GetJobDetails', input: { jobId: UNKNOWN_JOB }, expect: 'JobNotFoundException' },
  { name: 'second result', operation: 'PutJobSuccessResult', input: { jobId: JOB.A }, expect: 'InvalidJobStateException' },
  { name: 'unknown action type', operation: 'PollForJobs', input: { actionTypeId: { ...TEST_ACTION_TYPE, provider: 'NoSuchProvider' } }, expect: 'ActionTypeNotFoundException' },
  { name: 'failure type outside the enum', operation: 'PutJobFailureResult', input: { jobId: JOB.D, failureDetails: { type: 'Oops', message: 'x' } }, expect: 'ValidationException' },
  { name: 'acknowledge for outputs', operation: 'AcknowledgeJob', input: { jobId: JOB.E, nonce: '1' }, expect: 'ok' },
  { name: 'output variables too large', operation: 'PutJobSuccessResult', input: { jobId: JOB.E, outputVariables: { big: 'x'.repeat(122_881) } }, expect: 'OutputVariablesSizeExceededException' },
]

/** Queues the plan's five jobs and arms the transient faults on the first three polls. */
export function prepare(service: FakeService): void {
  // The AWS CLI starts a Python interpreter per call: on a loaded machine the plan outlasts the 30 s re-dispatch window.
  service.enqueue(Object.values(JOB).map((id) => jobSpecFixture({ id, nonces: ['1'], life: { redispatchAfterMs: 600_000 } })))
  service.injectFaults([
    { operations: ['PollForJobs'], steps: TRANSIENT_ERRORS.map((error) => ({ kind: 'error' as const, error: error as 'ThrottlingException', times: 1 })) },
  ])
}

/** What a client runner reports for a step. */
export interface StepResult {
  name: string
  /** 'ok' or the error code the client read. */
  outcome: string
  /** The exception class the client raised: its own name for a modelled error. */
  errorClass?: string
  body?: unknown
}
