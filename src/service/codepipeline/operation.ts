import type { ActionTypeId } from '../jobs/job-spec.js'
import type { JobStore } from '../jobs/job-store.js'
import { failure, type OperationResult } from './aws-json.js'
import { validate, type Shape } from './validate.js'

/** What every CodePipeline operation may read and change. */
export interface OperationContext {
  store: JobStore
  actionTypes: readonly ActionTypeId[]
}

/** One CodePipeline operation: a validated JSON input in, an answer out. */
export type Operation = (input: Record<string, unknown>, context: OperationContext) => OperationResult

/** Runs the model validation, answering ValidationException / SerializationException before the operation body. */
export function validated(shape: Shape & { kind: 'structure' }, body: Operation): Operation {
  return (input, context) => {
    const result = validate(input, shape)
    const jobId = typeof input.jobId === 'string' ? input.jobId : undefined
    if (result.kind === 'invalid') return failure('ValidationException', result.message, jobId)
    if (result.kind === 'serialization') return failure('SerializationException', result.message, jobId)
    return body(input, context)
  }
}

export const jobNotFound = (jobId: string): OperationResult => failure('JobNotFoundException', `Job ${jobId} not found`, jobId)
