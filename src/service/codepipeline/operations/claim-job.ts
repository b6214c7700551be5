import type { JobRecord, JobStore } from '../../jobs/job-store.js'
import { failure, success, type OperationResult } from '../aws-json.js'
import { invalidJobState } from './invalid-job-state.js'

const invalidNonce = (jobId: string) => failure('InvalidNonceException', `Nonce is not valid for job ${jobId}`, jobId)
const FINISHED = new Set(['Succeeded', 'Failed', 'TimedOut'])

/**
 * AcknowledgeJob and AcknowledgeThirdPartyJob alike: the nonce of the job's
 * latest dispatch claims it (InProgress). A 'stolen' job was claimed by
 * another worker first: InvalidNonceException whatever the nonce. An
 * 'ack-status' job answers (and moves to) another status. A dispatch that went
 * back to the queue unacknowledged can no longer be claimed. A raced dispatch
 * (handed to several polls) is claimed once: every later acknowledgement
 * with its nonce is refused, as another worker has it. A finished job
 * answers as the `finishedJobAck` setting says.
 */
export function claimJob(store: JobStore, job: JobRecord, nonce: string): OperationResult {
  const jobId = job.spec.id
  const behaviour = job.spec.behaviour
  if (behaviour.kind === 'stolen') {
    if (job.status === 'Dispatched') store.setStatus(job, 'InProgress', 'another-worker')
    return invalidNonce(jobId)
  }
  const latest = job.dispatches.at(-1)
  if (latest === undefined || latest.nonce !== nonce || store.dispatchExpired(job)) return invalidNonce(jobId)
  // A raced dispatch reached several polls: whoever claimed it first has it.
  if (store.claimedByAnother(job, nonce)) return invalidNonce(jobId)
  if (job.status !== 'Dispatched') {
    if (FINISHED.has(job.status) && job.life.finishedJobAck === 'InvalidNonceException') return invalidNonce(jobId)
    if (FINISHED.has(job.status) && job.life.finishedJobAck === 'InvalidJobStateException') return invalidJobState(jobId, job.status, 'an acknowledgement')
    // A repeated acknowledgement with the right nonce: the job is already claimed (or over).
    return success({ status: job.status }, jobId)
  }
  if (behaviour.kind === 'ack-status' && job.dispatches.length === 1) {
    store.setStatus(job, behaviour.status)
    return success({ status: behaviour.status }, jobId)
  }
  store.setStatus(job, 'InProgress', 'worker')
  return success({ status: 'InProgress' }, jobId)
}
