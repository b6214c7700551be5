import { failure, success } from '../aws-json.js'
import { jobNotFound, validated, type Operation } from '../operation.js'

const invalidNonce = (jobId: string) => failure('InvalidNonceException', `Nonce is not valid for job ${jobId}`, jobId)

/**
 * AcknowledgeJob: the nonce of the job's latest dispatch claims it (InProgress).
 * A 'stolen' job was claimed by another worker first: InvalidNonceException
 * whatever the nonce. An 'ack-status' job answers (and moves to) another status.
 */
export const acknowledgeJob: Operation = validated('AcknowledgeJob', (input, { store }) => {
  const jobId = input.jobId as string
  const nonce = input.nonce as string
  const job = store.get(jobId)
  if (!job) return jobNotFound(jobId)
  const behaviour = job.spec.behaviour
  if (behaviour.kind === 'stolen') {
    if (job.status === 'Dispatched') store.setStatus(job, 'InProgress', 'another-worker')
    return invalidNonce(jobId)
  }
  const latest = job.dispatches.at(-1)
  if (latest === undefined || latest.nonce !== nonce) return invalidNonce(jobId)
  if (job.status !== 'Dispatched') {
    // A repeated acknowledgement with the right nonce: the job is already claimed (or over).
    return success({ status: job.status }, jobId)
  }
  if (behaviour.kind === 'ack-status' && job.dispatches.length === 1) {
    store.setStatus(job, behaviour.status)
    return success({ status: behaviour.status }, jobId)
  }
  store.setStatus(job, 'InProgress', 'worker')
  return success({ status: 'InProgress' }, jobId)
})
