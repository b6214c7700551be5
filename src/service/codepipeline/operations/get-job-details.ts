import { jobData } from '../../jobs/job-data.js'
import { success } from '../aws-json.js'
import { jobNotFound, validated, type Operation } from '../operation.js'

/**
 * GetJobDetails: the job's data again (no nonce), whatever its status, with
 * freshly issued artifact credentials: the model documents this call as the
 * way a long-running job obtains new ones. Earlier credentials stay valid
 * until their own expiry.
 */
export const getJobDetails: Operation = validated('GetJobDetails', (input, { store }) => {
  const jobId = input.jobId as string
  const job = store.get(jobId)
  if (!job || job.spec.partner) return jobNotFound(jobId)
  store.refreshCredentials(job)
  return success({ jobDetails: { id: jobId, data: jobData(job), accountId: job.spec.accountId } }, jobId)
})
