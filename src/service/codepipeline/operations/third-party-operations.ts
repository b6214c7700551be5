import type { ActionTypeId } from '../../jobs/job-spec.js'
import { thirdPartyJobData } from '../../jobs/job-data.js'
import { failure, success } from '../aws-json.js'
import { validated, type Operation } from '../operation.js'
import { claimJob } from './claim-job.js'
import { completeJob } from './complete-job.js'
import { partnerJob } from './partner-job.js'

/**
 * PollForThirdPartyJobs: up to `maxBatchSize` (default 1) Queued partner jobs
 * of exactly this action type, each dispatched (with a new nonce) and handed
 * out as `{ clientId, jobId }` only: the data and the nonce come from
 * GetThirdPartyJobDetails.
 */
export const pollForThirdPartyJobs: Operation = validated('PollForThirdPartyJobs', (input, { store, actionTypes }) => {
  const type = input.actionTypeId as ActionTypeId
  const known = actionTypes.some((t) => t.category === type.category && t.owner === type.owner && t.provider === type.provider && t.version === type.version)
  if (!known) return failure('ActionTypeNotFoundException', `ActionType (${type.category}, ${type.owner}, ${type.provider}, ${type.version}) does not exist`)
  const max = typeof input.maxBatchSize === 'number' ? input.maxBatchSize : 1
  const jobs = store
    .dispatch(type, max, 'partner')
    .map((job) => ({ clientId: job.spec.partner?.clientId, jobId: job.spec.id }))
  return success({ jobs })
})

/** GetThirdPartyJobDetails: the data, fresh artifact credentials and the nonce of the latest dispatch, for the job's own clientToken. */
export const getThirdPartyJobDetails: Operation = validated('GetThirdPartyJobDetails', (input, { store }) => {
  const found = partnerJob(store, input)
  if ('refused' in found) return found.refused
  const { job } = found
  store.refreshCredentials(job)
  const nonce = job.dispatches.at(-1)?.nonce
  return success({ jobDetails: { id: job.spec.id, data: thirdPartyJobData(job), ...(nonce !== undefined ? { nonce } : {}) } }, job.spec.id)
})

/** AcknowledgeThirdPartyJob: the clientToken, then the nonce GetThirdPartyJobDetails gave (see claimJob). */
export const acknowledgeThirdPartyJob: Operation = validated('AcknowledgeThirdPartyJob', (input, { store }) => {
  const found = partnerJob(store, input)
  if ('refused' in found) return found.refused
  return claimJob(store, found.job, input.nonce as string)
})

/** PutThirdPartyJobSuccessResult: as PutJobSuccessResult (continuation included), for the job's own clientToken; the model has no outputVariables here. */
export const putThirdPartyJobSuccessResult: Operation = validated('PutThirdPartyJobSuccessResult', (input, { store }) => {
  const found = partnerJob(store, input)
  if ('refused' in found) return found.refused
  return completeJob(store, found.job, typeof input.continuationToken === 'string' ? { kind: 'continue', token: input.continuationToken } : { kind: 'succeed' })
})

/** PutThirdPartyJobFailureResult: as PutJobFailureResult, for the job's own clientToken. */
export const putThirdPartyJobFailureResult: Operation = validated('PutThirdPartyJobFailureResult', (input, { store }) => {
  const found = partnerJob(store, input)
  if ('refused' in found) return found.refused
  return completeJob(store, found.job, { kind: 'fail' })
})
