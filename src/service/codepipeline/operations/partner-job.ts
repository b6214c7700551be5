import type { JobRecord, JobStore } from '../../jobs/job-store.js'
import { failure, type OperationResult } from '../aws-json.js'
import { jobNotFound } from '../operation.js'

/**
 * The partner job a ThirdParty call names, once its clientToken is the one
 * mapped to the job's clientId; otherwise the answer to give. A custom-action
 * job is not found by the partner calls (nor a partner job by the custom ones).
 */
export function partnerJob(store: JobStore, input: Record<string, unknown>): { job: JobRecord } | { refused: OperationResult } {
  const jobId = input.jobId as string
  const job = store.get(jobId)
  const partner = job?.spec.partner
  if (!job || !partner) return { refused: jobNotFound(jobId) }
  if (input.clientToken !== partner.clientToken) {
    return { refused: failure('InvalidClientTokenException', `The client token was specified in an invalid format: it is not the token of client ${partner.clientId}`, jobId) }
  }
  return { job }
}
