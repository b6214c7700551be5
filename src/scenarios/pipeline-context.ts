import fc from 'fast-check'
import type { JobSpec } from '../service/jobs/job-spec.js'

const name = (): fc.Arbitrary<string> => fc.stringMatching(/^[A-Za-z0-9.@_-]{1,100}$/)

/** Names follow the model's 1-100 `[A-Za-z0-9.@\-_]+`; the ARN is completed with the job's account and region. */
export const pipelineContextArbitrary = (): fc.Arbitrary<(accountId: string, region: string) => JobSpec['pipelineContext']> =>
  fc
    .record({
      pipelineName: name(),
      stageName: name(),
      actionName: name(),
      actionExecutionId: fc.uuid({ version: 4 }),
      pipelineExecutionId: fc.uuid({ version: 4 }),
    })
    .map((c) => (accountId: string, region: string) => ({
      pipelineName: c.pipelineName,
      stage: { name: c.stageName },
      action: { name: c.actionName, actionExecutionId: c.actionExecutionId },
      pipelineArn: `arn:aws:codepipeline:${region}:${accountId}:${c.pipelineName}`,
      pipelineExecutionId: c.pipelineExecutionId,
    }))
