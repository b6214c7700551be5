import { jobNotFound, validated, type Operation } from '../operation.js'
import { claimJob } from './claim-job.js'

/** AcknowledgeJob: claims a custom-action job with the nonce of its latest dispatch (see claimJob). */
export const acknowledgeJob: Operation = validated('AcknowledgeJob', (input, { store }) => {
  const jobId = input.jobId as string
  const job = store.get(jobId)
  if (!job || job.spec.partner) return jobNotFound(jobId)
  return claimJob(store, job, input.nonce as string)
})
