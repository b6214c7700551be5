import { describe, expect, it } from 'vitest'
import { acknowledgeJobInput, putJobFailureResultInput, putJobSuccessResultInput } from './shapes.js'
import { validate } from './validate.js'

const JOB = '0f8e2a5c-1b2d-4c3e-8f9a-0b1c2d3e4f50'

describe('validate against the CodePipeline model', () => {
  it('accepts a well-formed request', () => {
    expect(validate({ jobId: JOB, nonce: '3' }, acknowledgeJobInput)).toEqual({ kind: 'valid' })
  })

  it('lists every violation in AWS order and wording', () => {
    expect(validate({ jobId: 'JOB', failureDetails: { type: 'Oops', message: '' } }, putJobFailureResultInput)).toEqual({
      kind: 'invalid',
      message:
        "3 validation errors detected: Value 'JOB' at 'jobId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}; " +
        "Value 'Oops' at 'failureDetails.type' failed to satisfy constraint: Member must satisfy enum value set: [JobFailed, ConfigurationError, PermissionError, RevisionOutOfSync, RevisionUnavailable, SystemUnavailable]; " +
        "Value at 'failureDetails.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    })
  })

  it('requires both members of currentRevision and bounds percentComplete', () => {
    expect(validate({ jobId: JOB, currentRevision: { revision: 'abc' }, executionDetails: { percentComplete: 101 } }, putJobSuccessResultInput)).toEqual({
      kind: 'invalid',
      message:
        "2 validation errors detected: Value null at 'currentRevision.changeIdentifier' failed to satisfy constraint: Member must not be null; " +
        "Value '101' at 'executionDetails.percentComplete' failed to satisfy constraint: Member must have value less than or equal to 100",
    })
  })

  it('treats a member of the wrong JSON type as a serialization problem', () => {
    expect(validate({ jobId: 42, nonce: '1' }, acknowledgeJobInput)).toEqual({ kind: 'serialization', message: "Expected a string at 'jobId'" })
  })
})
