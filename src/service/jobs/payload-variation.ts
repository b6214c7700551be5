/** Optional JobData members the fake can leave out of a job's PollForJobs and GetJobDetails answers (all are optional in the model). */
export type OmittableMember =
  | 'pipelineContext.stage'
  | 'pipelineContext.action'
  | 'pipelineContext.pipelineArn'
  | 'pipelineContext.pipelineExecutionId'
  /** Left out only when the job has none: "absent" instead of `[]`; a job's real artifacts are never hidden. */
  | 'inputArtifacts'
  | 'outputArtifacts'

/**
 * How one job's JobData departs from the plain answer, staying valid under
 * the model (POLL-004): members left out, and the legacy nested
 * `"__type": "<ShapeName>"` members AWS's own PollForJobs sample response carries.
 */
export interface PayloadVariation {
  omit?: readonly OmittableMember[]
  legacyTypeMembers?: boolean
}

/** The nested objects the API reference's sample response tags with their shape name. */
const LEGACY_TYPES: Record<string, string> = {
  actionConfiguration: 'ActionConfiguration',
  artifactCredentials: 'AWSSessionCredentials',
  pipelineContext: 'PipelineContext',
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Applies `variation` to a freshly built JobData (mutates and returns it). */
export function varyPayload(data: Record<string, unknown>, variation: PayloadVariation | undefined): Record<string, unknown> {
  if (!variation) return data
  for (const member of variation.omit ?? []) {
    const [outer, inner] = member.split('.') as [string, string | undefined]
    if (inner !== undefined) {
      const parent = data[outer]
      if (isObject(parent)) delete parent[inner]
    } else if (Array.isArray(data[outer]) && (data[outer] as unknown[]).length === 0) delete data[outer]
  }
  if (variation.legacyTypeMembers) {
    for (const [member, type] of Object.entries(LEGACY_TYPES)) {
      const value = data[member]
      if (isObject(value)) data[member] = { __type: type, ...value }
    }
  }
  return data
}
