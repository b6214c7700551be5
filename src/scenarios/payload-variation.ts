import fc from 'fast-check'
import type { OmittableMember, PayloadVariation } from '../service/jobs/payload-variation.js'

const OMITTABLE: readonly OmittableMember[] = [
  'pipelineContext.stage',
  'pipelineContext.action',
  'pipelineContext.pipelineArn',
  'pipelineContext.pipelineExecutionId',
  'inputArtifacts',
  'outputArtifacts',
]

/**
 * What a job's answer varies (POLL-004): at least one optional member left
 * out or the legacy `__type` members added, so every job is a variation.
 */
export const payloadVariationArbitrary = (): fc.Arbitrary<PayloadVariation> =>
  fc
    .record({ omit: fc.subarray([...OMITTABLE]), legacyTypeMembers: fc.boolean() })
    .filter((variation) => variation.omit.length > 0 || variation.legacyTypeMembers)

/** Characters from several planes and scripts, a combining mark among them: each one code point. */
const UNICODE = ['é', 'ß', '日', 'Ж', 'ع', '🚀', '\u0301', 'a', ' '] as const

/**
 * An action configuration value of exactly the model's maximum, 1000 code
 * points (ActionConfigurationValue), most of them outside ASCII: a worker
 * must carry it without truncating bytes or choking on surrogate pairs.
 */
export const maximalUnicodeValueArbitrary = (): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...UNICODE), { minLength: 1000, maxLength: 1000 }).map((chars) => chars.join(''))
