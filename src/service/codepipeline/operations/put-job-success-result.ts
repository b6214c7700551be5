import { success } from '../aws-json.js'
import { jobNotFound, validated, type Operation } from '../operation.js'
import { invalidJobState } from './invalid-job-state.js'
import { refuseOutputVariables } from './output-variables.js'

/**
 * PutJobSuccessResult: accepted only for an InProgress job, which becomes
 * Succeeded. With a continuationToken the job is complete all the same, and a
 * new job carrying the token is queued (after `continuationDelayMs`). The
 * service cannot tell which worker reports, so a job another worker holds
 * ('stolen') accepts it too.
 */
export const putJobSuccessResult: Operation = validated('PutJobSuccessResult', (input, { store }) => {
  const jobId = input.jobId as string
  const job = store.get(jobId)
  const refused = refuseOutputVariables(input, job?.life.outputVariablesMaxBytes ?? store.life.outputVariablesMaxBytes, jobId)
  if (refused) return refused
  if (!job) return jobNotFound(jobId)
  if (job.status !== 'InProgress') return invalidJobState(jobId, job.status)
  const token = input.continuationToken
  if (typeof token === 'string') store.continueWith(job, token)
  else store.setStatus(job, 'Succeeded')
  return success(undefined, jobId)
})
