import type { Member, Shape } from './validate.js'

/** The request shapes of the job-worker operations, as the CodePipeline model constrains them. */

const str = (min?: number, max?: number, pattern?: string): Shape & { kind: 'string' } => ({
  kind: 'string',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  ...(pattern !== undefined ? { pattern } : {}),
})
const required = (shape: Shape): Member => ({ shape, required: true })
const optional = (shape: Shape): Member => ({ shape })
const structure = (members: Record<string, Member>): Shape & { kind: 'structure' } => ({ kind: 'structure', members })

export const JOB_ID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
export const jobId = str(undefined, undefined, JOB_ID_PATTERN)
export const nonce = str(1, 50)

export const FAILURE_TYPES = ['JobFailed', 'ConfigurationError', 'PermissionError', 'RevisionOutOfSync', 'RevisionUnavailable', 'SystemUnavailable'] as const

export const actionTypeId = structure({
  category: required({ kind: 'string', enum: ['Source', 'Build', 'Deploy', 'Test', 'Invoke', 'Approval', 'Compute'] }),
  owner: required({ kind: 'string', enum: ['AWS', 'ThirdParty', 'Custom'] }),
  provider: required(str(1, 35, '[0-9A-Za-z_-]+')),
  version: required(str(1, 9, '[0-9A-Za-z_-]+')),
})

export const pollForJobsInput = structure({
  actionTypeId: required(actionTypeId),
  maxBatchSize: optional({ kind: 'integer', min: 1 }),
  queryParam: optional({ kind: 'map', key: str(1, 50), value: str(1, 50, '[a-zA-Z0-9_-]+') }),
})

export const acknowledgeJobInput = structure({ jobId: required(jobId), nonce: required(nonce) })

export const getJobDetailsInput = structure({ jobId: required(jobId) })

export const putJobSuccessResultInput = structure({
  jobId: required(jobId),
  currentRevision: optional(
    structure({
      revision: required(str(1, 1500)),
      changeIdentifier: required(str(1, 100)),
      created: optional({ kind: 'timestamp' }),
      revisionSummary: optional(str(1, 2048)),
    }),
  ),
  continuationToken: optional(str(1, 2048)),
  executionDetails: optional(
    structure({
      summary: optional(str(1, 2048)),
      externalExecutionId: optional(str(1, 1500)),
      percentComplete: optional({ kind: 'integer', min: 0, max: 100 }),
    }),
  ),
  outputVariables: optional({ kind: 'map', key: str(undefined, undefined, '[A-Za-z0-9@\\-_]+'), value: str() }),
})

export const putJobFailureResultInput = structure({
  jobId: required(jobId),
  failureDetails: required(
    structure({
      type: required({ kind: 'string', enum: FAILURE_TYPES }),
      message: required(str(1, 5000)),
      externalExecutionId: optional(str(1, 1500)),
    }),
  ),
})
