import type { ActionTypeId } from '../../jobs/job-spec.js'
import { jobData } from '../../jobs/job-data.js'
import { failure, success } from '../aws-json.js'
import { validated, type Operation } from '../operation.js'

/**
 * PollForJobs: up to `maxBatchSize` (default 1) Queued jobs of exactly the
 * requested action type, oldest first; each becomes Dispatched with a new nonce.
 */
export const pollForJobs: Operation = validated('PollForJobs', (input, { store, actionTypes }) => {
  const type = input.actionTypeId as ActionTypeId
  const known = actionTypes.some(
    (t) => t.category === type.category && t.owner === type.owner && t.provider === type.provider && t.version === type.version,
  )
  if (!known) {
    return failure('ActionTypeNotFoundException', `ActionType (${type.category}, ${type.owner}, ${type.provider}, ${type.version}) does not exist`)
  }
  const max = typeof input.maxBatchSize === 'number' ? input.maxBatchSize : 1
  const jobs = store.dispatch(type, max).map((job) => ({
    id: job.spec.id,
    data: jobData(job),
    nonce: job.dispatches.at(-1)?.nonce,
    accountId: job.spec.accountId,
  }))
  return success({ jobs })
})
