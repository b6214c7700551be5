import { randomUUID } from 'node:crypto'
import type { ActionTypeId, JobSpec } from '../jobs/job-spec.js'

/** Test data for the fake service's own tests: a plausible custom-action job. */
export const TEST_ACTION_TYPE: ActionTypeId = { category: 'Build', owner: 'Custom', provider: 'ConformBuild', version: '1' }

export const WORKER_CREDENTIALS = { accessKeyId: 'AKIAWORKERTESTKEY001', secretAccessKey: 'worker-secret-access-key-for-tests-00000' }

export function jobSpecFixture(overrides: Partial<JobSpec> = {}): JobSpec {
  const id = overrides.id ?? randomUUID()
  return {
    id,
    accountId: '111122223333',
    nonces: ['1', '2'],
    actionTypeId: TEST_ACTION_TYPE,
    actionConfiguration: { ProjectName: 'demo' },
    pipelineContext: {
      pipelineName: 'demo-pipeline',
      stage: { name: 'Build' },
      action: { name: 'ConformBuild', actionExecutionId: randomUUID() },
      pipelineArn: 'arn:aws:codepipeline:us-east-1:111122223333:demo-pipeline',
      pipelineExecutionId: randomUUID(),
    },
    inputArtifacts: [
      { name: 'SourceOutput', bucketName: 'artifact-bucket', objectKey: `demo-pipeline/SourceOutp/${id.slice(0, 7)}`, content: { kind: 'present', bytes: new TextEncoder().encode('PK-input-zip') } },
    ],
    outputArtifacts: [{ name: 'BuildOutput', bucketName: 'artifact-bucket', objectKey: `demo-pipeline/BuildOutpu/${id.slice(0, 7)}` }],
    behaviour: { kind: 'normal' },
    ...overrides,
  }
}
