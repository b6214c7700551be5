import { success } from '../aws-json.js'
import { jobNotFound, validated, type Operation } from '../operation.js'
import { invalidJobState } from './invalid-job-state.js'

/** PutJobFailureResult: accepted only for an InProgress job, which becomes Failed. */
export const putJobFailureResult: Operation = validated('PutJobFailureResult', (input, { store }) => {
  const jobId = input.jobId as string
  const job = store.get(jobId)
  if (!job) return jobNotFound(jobId)
  if (job.status !== 'InProgress') return invalidJobState(jobId, job.status)
  store.setStatus(job, 'Failed')
  return success(undefined, jobId)
})
