import type { JobRecord } from './job-store.js'
import type { ArtifactSpec } from './job-spec.js'
import { varyPayload } from './payload-variation.js'

/** One artifact as the wire carries it (Artifact shape). */
function wireArtifact(artifact: ArtifactSpec): Record<string, unknown> {
  return {
    name: artifact.name,
    location: { type: 'S3', s3Location: { bucketName: artifact.bucketName, objectKey: artifact.objectKey } },
  }
}

/**
 * The JobData member of PollForJobs and GetJobDetails answers, built from the
 * job's spec and its artifact credentials.
 *
 * @example
 * jobData(record).artifactCredentials.accessKeyId // 'ASIA...'
 */
export function jobData(job: JobRecord): Record<string, unknown> {
  return commonData(job, structuredClone(job.spec.pipelineContext))
}

/** ThirdPartyJobData: the same members, but the pipeline context of a partner job has no pipelineArn or pipelineExecutionId (model doc). */
export function thirdPartyJobData(job: JobRecord): Record<string, unknown> {
  const { pipelineArn: _arn, pipelineExecutionId: _execution, ...context } = structuredClone(job.spec.pipelineContext)
  return commonData(job, context)
}

function commonData(job: JobRecord, pipelineContext: Record<string, unknown>): Record<string, unknown> {
  const { spec } = job
  const data: Record<string, unknown> = {
    actionTypeId: { ...spec.actionTypeId },
    actionConfiguration: { configuration: { ...spec.actionConfiguration } },
    pipelineContext,
    inputArtifacts: spec.inputArtifacts.map(wireArtifact),
    outputArtifacts: spec.outputArtifacts.map(wireArtifact),
    artifactCredentials: { accessKeyId: job.artifactCredentials.accessKeyId, secretAccessKey: job.artifactCredentials.secretAccessKey, sessionToken: job.artifactCredentials.sessionToken },
  }
  if (spec.encryptionKey) data.encryptionKey = { ...spec.encryptionKey }
  if (spec.continuationToken !== undefined) data.continuationToken = spec.continuationToken
  return varyPayload(data, spec.payload)
}
