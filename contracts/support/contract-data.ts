import { fileURLToPath } from 'node:url'
import type { ActionTypeId, JobSpec } from '../../src/service/jobs/job-spec.js'

/**
 * The fixed data both sides of the contract share: the consumer test declares
 * these values, the provider states put them into the fake. Nothing here is
 * random or time-based, so the pact file is byte-for-byte reproducible.
 */

export const CONSUMER = 'codepipeline-job-worker'
export const PROVIDER = 'aws-codepipeline-job-api'
export const REGION = 'us-east-1'

export const PACT_DIR = fileURLToPath(new URL('../pacts/', import.meta.url))
export const PACT_FILE = fileURLToPath(new URL(`../pacts/${CONSUMER}-${PROVIDER}.json`, import.meta.url))

/** Signs the consumer's requests; the contract pins only the signature's shape. */
export const CONSUMER_CREDENTIALS = { accessKeyId: 'AKIACONFORMCONSUMER1', secretAccessKey: 'conform-contract-consumer-secret-key-0000' }
/** The worker credentials the fake is started with; the verifier re-signs with them. */
export const PROVIDER_CREDENTIALS = { accessKeyId: 'AKIACONFORMPROVIDER1', secretAccessKey: 'conform-contract-provider-secret-key-0000' }

export const ACTION_TYPE: ActionTypeId = { category: 'Build', owner: 'Custom', provider: 'ConformReference', version: '1' }
export const ACTION_TYPE_LABEL = `${ACTION_TYPE.category}/${ACTION_TYPE.owner}/${ACTION_TYPE.provider}/${ACTION_TYPE.version}`

export const JOB_ID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'
export const NONCE = '3'
export const ACCOUNT_ID = '111122223333'

/** Provider states, named for what the service must hold; their parameters carry the ids. */
export const STATES = {
  queued: `a job is queued for ${ACTION_TYPE_LABEL}`,
  dispatched: 'the job was dispatched with a nonce',
  claimedElsewhere: 'another worker claimed the job',
  inProgress: 'the job was acknowledged and is in progress',
} as const

export interface StateParams {
  jobId: string
  nonce: string
}
export const STATE_PARAMS: StateParams = { jobId: JOB_ID, nonce: NONCE }

/** The job the provider states queue: every value the contract's answers name. */
export function contractJobSpec(params: StateParams, behaviour: JobSpec['behaviour'] = { kind: 'normal' }): JobSpec {
  return {
    id: params.jobId,
    accountId: ACCOUNT_ID,
    nonces: [params.nonce],
    actionTypeId: { ...ACTION_TYPE },
    actionConfiguration: { ProjectName: 'conform-demo' },
    pipelineContext: {
      pipelineName: 'conform-demo-pipeline',
      stage: { name: 'Build' },
      action: { name: 'ConformReference', actionExecutionId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d' },
      pipelineArn: `arn:aws:codepipeline:${REGION}:${ACCOUNT_ID}:conform-demo-pipeline`,
      pipelineExecutionId: '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b',
    },
    inputArtifacts: [
      {
        name: 'SourceOutput',
        bucketName: 'conform-artifacts',
        objectKey: 'conform-demo-pipeline/SourceOutp/AbCdEfG',
        content: { kind: 'present', bytes: new TextEncoder().encode('PK-contract-input') },
      },
    ],
    outputArtifacts: [{ name: 'BuildOutput', bucketName: 'conform-artifacts', objectKey: 'conform-demo-pipeline/BuildOutpu/HiJkLmN' }],
    behaviour,
  }
}
