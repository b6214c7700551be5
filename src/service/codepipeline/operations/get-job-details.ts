import { jobData } from '../../jobs/job-data.js'
import { success } from '../aws-json.js'
import { jobNotFound, validated, type Operation } from '../operation.js'

/** GetJobDetails: the job's data again (no nonce), whatever its status. */
export const getJobDetails: Operation = validated('GetJobDetails', (input, { store }) => {
  const jobId = input.jobId as string
  const job = store.get(jobId)
  if (!job) return jobNotFound(jobId)
  return success({ jobDetails: { id: jobId, data: jobData(job), accountId: job.spec.accountId } }, jobId)
})
