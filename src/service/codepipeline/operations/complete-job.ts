import type { JobRecord, JobStore } from '../../jobs/job-store.js'
import { success, type OperationResult } from '../aws-json.js'
import { invalidJobState } from './invalid-job-state.js'

/**
 * A result, accepted only for an InProgress job: it succeeds, fails, or
 * succeeds with a continuation token (a new job carrying it is queued). The
 * service cannot tell which worker reports, so a job another worker holds
 * ('stolen') accepts it too.
 */
export function completeJob(store: JobStore, job: JobRecord, result: { kind: 'succeed' } | { kind: 'fail' } | { kind: 'continue'; token: string }): OperationResult {
  const jobId = job.spec.id
  if (job.status !== 'InProgress') return invalidJobState(jobId, job.status)
  if (result.kind === 'continue') store.continueWith(job, result.token)
  else store.setStatus(job, result.kind === 'succeed' ? 'Succeeded' : 'Failed')
  return success(undefined, jobId)
}
