import type { JobStatus } from '../../jobs/job-spec.js'
import { failure, type OperationResult } from '../aws-json.js'

export const invalidJobState = (jobId: string, status: JobStatus, refused = 'a result'): OperationResult =>
  failure('InvalidJobStateException', `Job ${jobId} is in state ${status}, which does not accept ${refused}`, jobId)
