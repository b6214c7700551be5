import { failure, type OperationResult } from '../aws-json.js'

/** The model's words on outputVariables, which the service answers when a success carries both. */
export const WITH_CONTINUATION =
  'outputVariables can be included only when there is no continuation token on the request.'

/** The total size AWS counts against the variable quota: UTF-8 bytes of every key and value. */
export function outputVariablesBytes(variables: Record<string, unknown>): number {
  let bytes = 0
  for (const [key, value] of Object.entries(variables)) bytes += Buffer.byteLength(key) + Buffer.byteLength(String(value))
  return bytes
}

/**
 * What PutJobSuccessResult answers for its outputVariables, or undefined when
 * they may be accepted: never with a continuation token (ValidationException),
 * and within `maxBytes` in all (OutputVariablesSizeExceededException). Key
 * patterns are checked earlier, by the model.
 */
export function refuseOutputVariables(input: Record<string, unknown>, maxBytes: number, jobId: string): OperationResult | undefined {
  const variables = input.outputVariables
  if (variables === undefined) return undefined
  if (input.continuationToken !== undefined) return failure('ValidationException', WITH_CONTINUATION, jobId)
  const bytes = outputVariablesBytes(variables as Record<string, unknown>)
  if (bytes > maxBytes) {
    return failure('OutputVariablesSizeExceededException', `Exceeded the total size limit for all variables in the pipeline: ${bytes} bytes of output variables, limit ${maxBytes}.`, jobId)
  }
  return undefined
}
