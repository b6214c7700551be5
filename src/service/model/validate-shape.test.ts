import { describe, expect, it } from 'vitest'
import { SERVED_OPERATIONS } from '../codepipeline/handlers.js'
import { codePipelineModel as model } from './service-model.js'
import { validateShape } from './validate-shape.js'

const JOB = '0f8e2a5c-1b2d-4c3e-8f9a-0b1c2d3e4f50'
const FAILURE_TYPES = 'JobFailed, ConfigurationError, PermissionError, RevisionOutOfSync, RevisionUnavailable, SystemUnavailable'

describe('validateShape against the generated CodePipeline model', () => {
  it('names its source: the botocore file and version', () => {
    expect(model.source.file).toBe('botocore/data/codepipeline/2015-07-09/service-2.json.gz')
    expect(model.source.botocoreVersion).toMatch(/^\d+\.\d+\.\d+$/)
    expect(model.operations.PollForJobs).toEqual({ input: 'PollForJobsInput', output: 'PollForJobsOutput', errors: ['ValidationException', 'ActionTypeNotFoundException'] })
  })

  it('has an input and output shape for every operation the fake serves', () => {
    expect([...SERVED_OPERATIONS].sort()).toEqual([
      'AcknowledgeJob',
      'AcknowledgeThirdPartyJob',
      'GetJobDetails',
      'GetThirdPartyJobDetails',
      'PollForJobs',
      'PollForThirdPartyJobs',
      'PutJobFailureResult',
      'PutJobSuccessResult',
      'PutThirdPartyJobFailureResult',
      'PutThirdPartyJobSuccessResult',
    ])
    for (const operation of SERVED_OPERATIONS) expect(model.operations[operation]?.input, operation).toBe(`${operation}Input`)
  })

  it('compiles every pattern of the model as an anchored regular expression', () => {
    for (const [name, shape] of Object.entries(model.shapes)) {
      if (shape.pattern !== undefined) expect(() => new RegExp(`^(?:${shape.pattern})$`, 'u'), name).not.toThrow()
    }
  })

  it('accepts a well-formed request and ignores members the model does not name', () => {
    expect(validateShape(model, 'AcknowledgeJobInput', { jobId: JOB, nonce: '3', extra: { anything: 1 } })).toEqual({ kind: 'valid' })
  })

  it('reports a missing required member as null', () => {
    expect(validateShape(model, 'AcknowledgeJobInput', { nonce: '1' })).toMatchObject({
      kind: 'invalid',
      message: "1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null",
    })
  })

  it('lists every violation in member order and AWS wording', () => {
    expect(validateShape(model, 'PutJobFailureResultInput', { jobId: 'JOB', failureDetails: { type: 'Oops', message: '' } })).toMatchObject({
      kind: 'invalid',
      message:
        "3 validation errors detected: Value 'JOB' at 'jobId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}; " +
        `Value 'Oops' at 'failureDetails.type' failed to satisfy constraint: Member must satisfy enum value set: [${FAILURE_TYPES}]; ` +
        "Value at 'failureDetails.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    })
  })

  it('bounds string length in code points, not UTF-16 units', () => {
    const emoji = '\u{1F680}'.repeat(5000) // 10000 UTF-16 units, 5000 code points
    expect(validateShape(model, 'PutJobFailureResultInput', { jobId: JOB, failureDetails: { type: 'JobFailed', message: emoji } })).toEqual({ kind: 'valid' })
    expect(validateShape(model, 'PutJobFailureResultInput', { jobId: JOB, failureDetails: { type: 'JobFailed', message: `${emoji}x` } })).toMatchObject({
      message: "1 validation error detected: Value at 'failureDetails.message' failed to satisfy constraint: Member must have length less than or equal to 5000",
    })
  })

  it('matches patterns in full, not as a substring', () => {
    expect(validateShape(model, 'GetJobDetailsInput', { jobId: `${JOB}0` })).toMatchObject({ kind: 'invalid' })
    expect(validateShape(model, 'GetJobDetailsInput', { jobId: `x${JOB}` })).toMatchObject({ kind: 'invalid' })
  })

  it('requires both members of currentRevision and bounds percentComplete', () => {
    expect(
      validateShape(model, 'PutJobSuccessResultInput', { jobId: JOB, currentRevision: { revision: 'abc' }, executionDetails: { percentComplete: 101 } }),
    ).toMatchObject({
      message:
        "2 validation errors detected: Value null at 'currentRevision.changeIdentifier' failed to satisfy constraint: Member must not be null; " +
        "Value '101' at 'executionDetails.percentComplete' failed to satisfy constraint: Member must have value less than or equal to 100",
    })
  })

  it('checks map size, keys and values', () => {
    const input = { actionTypeId: { category: 'Build', owner: 'Custom', provider: 'P', version: '1' }, queryParam: { a: 'ok', '': 'not ok!' } }
    expect(validateShape(model, 'PollForJobsInput', input)).toMatchObject({
      message:
        "3 validation errors detected: Value at 'queryParam' failed to satisfy constraint: Member must have length less than or equal to 1; " +
        "Value at 'queryParam' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 1]; " +
        "Value at 'queryParam' failed to satisfy constraint: Map value must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+]",
    })
    expect(validateShape(model, 'PutJobSuccessResultInput', { jobId: JOB, outputVariables: { 'bad key': 'v' } })).toMatchObject({
      message: "1 validation error detected: Value at 'outputVariables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [A-Za-z0-9@\\-_]+]",
    })
  })

  it('walks lists of nested structures with AWS member paths', () => {
    const output = { jobs: [{ id: JOB, nonce: '' }, { id: JOB, data: { inputArtifacts: [{ name: 'bad name', location: { type: 'S3', s3Location: { bucketName: 'b' } } }] } }] }
    expect(validateShape(model, 'PollForJobsOutput', output)).toMatchObject({
      violations: [
        "Value at 'jobs.1.member.nonce' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value 'bad name' at 'jobs.2.member.data.inputArtifacts.1.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_\\-]+",
        "Value null at 'jobs.2.member.data.inputArtifacts.1.member.location.s3Location.objectKey' failed to satisfy constraint: Member must not be null",
      ],
    })
  })

  it('treats a member of the wrong JSON type as a serialization problem', () => {
    expect(validateShape(model, 'AcknowledgeJobInput', { jobId: 42, nonce: '1' })).toEqual({ kind: 'serialization', message: "Expected a string at 'jobId'" })
    expect(validateShape(model, 'PollForJobsInput', { actionTypeId: [] })).toEqual({ kind: 'serialization', message: "Expected an object at 'actionTypeId'" })
  })
})
