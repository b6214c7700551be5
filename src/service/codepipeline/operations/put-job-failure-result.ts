import { jobNotFound, validated, type Operation } from '../operation.js'
import { completeJob } from './complete-job.js'

/** PutJobFailureResult: accepted only for an InProgress job, which becomes Failed. */
export const putJobFailureResult: Operation = validated('PutJobFailureResult', (input, { store }) => {
  const jobId = input.jobId as string
  const job = store.get(jobId)
  if (!job || job.spec.partner) return jobNotFound(jobId)
  return completeJob(store, job, { kind: 'fail' })
})
