import fc from 'fast-check'
import type { JobBehaviour } from '../service/jobs/job-spec.js'

export const normalBehaviour = (): fc.Arbitrary<JobBehaviour> => fc.constant({ kind: 'normal' })

/** Another worker claims the job first: AcknowledgeJob answers InvalidNonceException. */
export const stolenBehaviour = (): fc.Arbitrary<JobBehaviour> => fc.constant({ kind: 'stolen' })

/** AcknowledgeJob answers a status other than InProgress, and the job really is in it. */
export const ackStatusBehaviour = (): fc.Arbitrary<JobBehaviour> =>
  fc
    .constantFrom('TimedOut', 'Succeeded', 'Failed', 'Queued', 'Dispatched', 'Created')
    .map((status) => ({ kind: 'ack-status', status }) as const)

export const anyBehaviour = (): fc.Arbitrary<JobBehaviour> =>
  fc.oneof({ weight: 3, arbitrary: normalBehaviour() }, stolenBehaviour(), ackStatusBehaviour())
