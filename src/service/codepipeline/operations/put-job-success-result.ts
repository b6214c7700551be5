import { jobNotFound, validated, type Operation } from '../operation.js'
import { completeJob } from './complete-job.js'
import { refuseOutputVariables } from './output-variables.js'

/**
 * PutJobSuccessResult: accepted only for an InProgress job, which becomes
 * Succeeded. With a continuationToken the job is complete all the same, and a
 * new job carrying the token is queued (after `continuationDelayMs`).
 * Output variables are refused beside a token and over the size cap.
 */
export const putJobSuccessResult: Operation = validated('PutJobSuccessResult', (input, { store }) => {
  const jobId = input.jobId as string
  const job = store.get(jobId)
  const refused = refuseOutputVariables(input, job?.life.outputVariablesMaxBytes ?? store.life.outputVariablesMaxBytes, jobId)
  if (refused) return refused
  if (!job || job.spec.partner) return jobNotFound(jobId)
  return completeJob(store, job, typeof input.continuationToken === 'string' ? { kind: 'continue', token: input.continuationToken } : { kind: 'succeed' })
})
