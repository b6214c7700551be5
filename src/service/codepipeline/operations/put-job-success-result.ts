import { failure, success } from '../aws-json.js'
import { jobNotFound, validated, type Operation } from '../operation.js'
import { invalidJobState } from './invalid-job-state.js'

/**
 * PutJobSuccessResult: accepted only for an InProgress job, which becomes
 * Succeeded. The service cannot tell which worker reports, so a job another
 * worker holds ('stolen') accepts it too.
 */
export const putJobSuccessResult: Operation = validated('PutJobSuccessResult', (input, { store }) => {
  const jobId = input.jobId as string
  if (input.continuationToken !== undefined && input.outputVariables !== undefined) {
    return failure('ValidationException', 'Output variables cannot be set when a continuation token is provided', jobId)
  }
  const job = store.get(jobId)
  if (!job) return jobNotFound(jobId)
  if (job.status !== 'InProgress') return invalidJobState(jobId, job.status)
  store.setStatus(job, 'Succeeded')
  return success(undefined, jobId)
})
