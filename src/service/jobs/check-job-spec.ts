import { ConformError } from '../../errors/conform-error.js'
import { codePipelineModel } from '../model/service-model.js'
import { validateShape } from '../model/validate-shape.js'
import { jobData, thirdPartyJobData } from './job-data.js'
import type { JobRecord } from './job-store.js'

/**
 * Refuses a job AWS could never send: the job as PollForJobs would carry it,
 * with each nonce it may be dispatched with, must be valid under the model's
 * `Job` shape. The fake must not teach a worker to rely on data that cannot
 * occur, so a scenario that generates such a job is a bug in conform.
 *
 * @example
 * assertJobSendable(record) // throws CONFORM_INTERNAL for a 1001-character configuration value
 */
export function assertJobSendable(job: JobRecord): void {
  const { spec } = job
  const nonces = spec.nonces.length > 0 ? spec.nonces : ['1']
  for (const nonce of nonces) {
    const validation = spec.partner
      ? validateShape(codePipelineModel, 'ThirdPartyJobDetails', { id: spec.id, data: thirdPartyJobData(job), nonce })
      : validateShape(codePipelineModel, 'Job', { id: spec.id, data: jobData(job), nonce, accountId: spec.accountId })
    if (validation.kind === 'valid') continue
    throw new ConformError(
      'CONFORM_INTERNAL',
      `conform: job ${spec.id} cannot be queued in the fake service because CodePipeline would never send it: ${validation.message}. ` +
        'The scenario that generated it breaks the CodePipeline model; please report this with the scenario seed.',
    )
  }
}
