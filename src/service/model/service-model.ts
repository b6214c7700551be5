import generated from './codepipeline-model.json' with { type: 'json' }

/** One shape of the model, reduced to what validation needs (see scripts/generate-codepipeline-model.ts). */
export interface ModelShape {
  type: 'structure' | 'string' | 'list' | 'map' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob'
  required?: string[]
  members?: Record<string, { shape: string }>
  member?: { shape: string }
  key?: { shape: string }
  value?: { shape: string }
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
  exception?: boolean
  sensitive?: boolean
}

export interface ModelOperation {
  input?: string
  output?: string
  errors: string[]
}

/** A service model as the generator writes it: its source, operations and shapes. */
export interface ServiceModel {
  source: { file: string; botocoreVersion: string; generator: string }
  metadata: { apiVersion: string; endpointPrefix: string; jsonVersion: string; protocol: string; signatureVersion: string; targetPrefix: string }
  operations: Record<string, ModelOperation>
  shapes: Record<string, ModelShape>
}

/**
 * CodePipeline's model, generated from botocore's `service-2.json.gz` (the
 * header names the file and the botocore version). Regenerate with
 * `node --import tsx scripts/generate-codepipeline-model.ts`.
 *
 * @example
 * codePipelineModel.operations.AcknowledgeJob?.input // 'AcknowledgeJobInput'
 */
export const codePipelineModel = generated as ServiceModel

/** The named shape; throws for a name the model does not define (a bug in conform, not in the worker). */
export function shapeNamed(model: ServiceModel, name: string): ModelShape {
  const shape = Object.hasOwn(model.shapes, name) ? model.shapes[name] : undefined
  if (shape === undefined) throw new Error(`conform: the ${model.metadata.endpointPrefix} model has no shape ${name}`)
  return shape
}
