import type { ActionTypeId } from '../jobs/job-spec.js'
import type { JobStore } from '../jobs/job-store.js'
import { failure, type OperationResult } from './aws-json.js'
import { codePipelineModel } from '../model/service-model.js'
import { validateShape, type Validation } from '../model/validate-shape.js'

/** What every CodePipeline operation may read and change. */
export interface OperationContext {
  store: JobStore
  actionTypes: readonly ActionTypeId[]
}

/** One CodePipeline operation: a validated JSON input in, an answer out. */
export type Operation = (input: Record<string, unknown>, context: OperationContext) => OperationResult

/**
 * Validates the input against the operation's input shape in the CodePipeline
 * model, answering ValidationException / SerializationException before the
 * operation body runs.
 */
export function validated(operation: string, body: Operation): Operation {
  const shape = codePipelineModel.operations[operation]?.input
  if (shape === undefined) throw new Error(`conform: the CodePipeline model has no input shape for ${operation}`)
  // A frozen input is a body parsed before (the handler memoises them): its verdict cannot have changed.
  const verdicts = new WeakMap<object, Validation>()
  return (input, context) => {
    let result = verdicts.get(input)
    if (result === undefined) {
      result = validateShape(codePipelineModel, shape, input)
      if (Object.isFrozen(input)) verdicts.set(input, result)
    }
    const jobId = typeof input.jobId === 'string' ? input.jobId : undefined
    if (result.kind === 'invalid') return failure('ValidationException', result.message, jobId)
    if (result.kind === 'serialization') return failure('SerializationException', result.message, jobId)
    return body(input, context)
  }
}

export const jobNotFound = (jobId: string): OperationResult => failure('JobNotFoundException', `Job ${jobId} not found`, jobId)
