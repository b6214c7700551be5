import { ACCOUNT_ID, ACTION_TYPE, contractJobSpec, JOB_ID, NONCE, STATE_PARAMS, STATES } from './contract-data.js'
import { varies, type AwsJsonAnswer, type JobWorkerOperation, type Template } from './aws-json.js'

/**
 * The contract, as data: for each interaction the provider state, what the
 * SDK sends (exact JSON) and what the service answers (JSON with the few
 * per-run values opened up). The consumer test records these with the real
 * SDK; the provider test's altered providers are judged against the same file.
 */

/** Any non-empty JSON string content. */
const ANY_TEXT = '(?:[^"\\\\]|\\\\.)+'

/** The artifact credentials the service mints per job: STS session credentials' shape, never fixed values. */
const artifactCredentials: Template = {
  accessKeyId: varies('ASIA[A-Z0-9]{16}', 'ASIACONFORMEXAMPLE00'),
  secretAccessKey: varies('[A-Za-z0-9/+]{40}', 'conformExampleSecretAccessKey00000000000'),
  sessionToken: varies('[A-Za-z0-9/+=]{16,}', 'IQoJb3JpZ2luX2VjEXAMPLEsessionTokenForTheContract000='),
}

const spec = contractJobSpec(STATE_PARAMS)

/** JobData as the service answers it, in the member order the service writes. */
const jobData: Template = {
  actionTypeId: { ...ACTION_TYPE },
  actionConfiguration: { configuration: { ...spec.actionConfiguration } },
  pipelineContext: {
    pipelineName: spec.pipelineContext.pipelineName,
    stage: { name: spec.pipelineContext.stage.name },
    action: { ...spec.pipelineContext.action },
    pipelineArn: spec.pipelineContext.pipelineArn,
    pipelineExecutionId: spec.pipelineContext.pipelineExecutionId,
  },
  inputArtifacts: spec.inputArtifacts.map((a) => ({ name: a.name, location: { type: 'S3', s3Location: { bucketName: a.bucketName, objectKey: a.objectKey } } })),
  outputArtifacts: spec.outputArtifacts.map((a) => ({ name: a.name, location: { type: 'S3', s3Location: { bucketName: a.bucketName, objectKey: a.objectKey } } })),
  artifactCredentials,
}

export const LONG_FAILURE_MESSAGE = 'x'.repeat(5001)
export const VALIDATION_MESSAGE =
  "1 validation error detected: Value at 'failureDetails.message' failed to satisfy constraint: Member must have length less than or equal to 5000"

export interface ContractInteraction {
  /** Unique; also the key the provider test uses to find it in the verifier's results. */
  description: string
  state: string
  operation: JobWorkerOperation
  /** The request body exactly as @aws-sdk/client-codepipeline serialises it. */
  request: Record<string, unknown>
  status: 200 | 400
  answer: AwsJsonAnswer
}

export const INTERACTIONS: ContractInteraction[] = [
  {
    description: 'PollForJobs for the served action type, answered with one job, its nonce and artifact credentials',
    state: STATES.queued,
    operation: 'PollForJobs',
    request: { actionTypeId: { ...ACTION_TYPE }, maxBatchSize: 1 },
    status: 200,
    answer: { kind: 'ok', body: { jobs: [{ id: JOB_ID, data: jobData, nonce: NONCE, accountId: ACCOUNT_ID }] } },
  },
  {
    description: 'AcknowledgeJob with the dispatch nonce, answered InProgress',
    state: STATES.dispatched,
    operation: 'AcknowledgeJob',
    request: { jobId: JOB_ID, nonce: NONCE },
    status: 200,
    answer: { kind: 'ok', body: { status: 'InProgress' } },
  },
  {
    description: 'AcknowledgeJob for a job another worker claimed, answered InvalidNonceException',
    state: STATES.claimedElsewhere,
    operation: 'AcknowledgeJob',
    request: { jobId: JOB_ID, nonce: NONCE },
    status: 400,
    answer: { kind: 'error', code: 'InvalidNonceException', message: varies(ANY_TEXT, `Nonce is not valid for job ${JOB_ID}`) },
  },
  {
    description: 'GetJobDetails for an acknowledged job, answered with its data and no nonce',
    state: STATES.inProgress,
    operation: 'GetJobDetails',
    request: { jobId: JOB_ID },
    status: 200,
    answer: { kind: 'ok', body: { jobDetails: { id: JOB_ID, data: jobData, accountId: ACCOUNT_ID } } },
  },
  {
    description: 'PutJobSuccessResult with execution details, answered with an empty 200 body',
    state: STATES.inProgress,
    operation: 'PutJobSuccessResult',
    request: { jobId: JOB_ID, executionDetails: { summary: 'built by conform', percentComplete: 100 } },
    status: 200,
    answer: { kind: 'ok', body: undefined },
  },
  {
    description: 'PutJobFailureResult with a JobFailed reason, answered with an empty 200 body',
    state: STATES.inProgress,
    operation: 'PutJobFailureResult',
    request: { jobId: JOB_ID, failureDetails: { type: 'JobFailed', message: 'the build failed' } },
    status: 200,
    answer: { kind: 'ok', body: undefined },
  },
  {
    description: 'PutJobFailureResult with a 5001-character message, answered ValidationException',
    state: STATES.inProgress,
    operation: 'PutJobFailureResult',
    request: { jobId: JOB_ID, failureDetails: { type: 'JobFailed', message: LONG_FAILURE_MESSAGE } },
    status: 400,
    answer: { kind: 'error', code: 'ValidationException', message: VALIDATION_MESSAGE },
  },
]
