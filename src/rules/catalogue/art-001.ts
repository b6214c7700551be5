import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { artifactCredentialsOf, describeCall, s3CallsFor, s3ObjectOf } from '../trace-queries.js'

export const ART_001 = defineRule({
  id: 'ART-001',
  area: 'artifacts',
  level: 'MUST',
  title: "Sign artifact access with the job's credentials",
  requirement:
    "A worker MUST sign every S3 call for a job's artifacts with that job's artifactCredentials (the access key the dispatch handed out with the job, or a later GetJobDetails answer), never with its own credentials.",
  observe:
    "Hands every job its own random artifact credentials and gives the worker different credentials of its own; the fake S3 records the access key of each call's SigV4 signature (and answers AccessDenied to any other key). A call for the job's keys signed with a key not handed out for that job is a violation.",
  rationale:
    "The artifact bucket belongs to the pipeline's account and is encrypted with its KMS key; only the job's session credentials are scoped to the job's artifacts. A worker reading with its own identity fails in production (or, worse, works because its role was granted the whole bucket).",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 4)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AWSSessionCredentials.html',
    'Black Duck custom action (downloads with the host credentials); aws-samples JFrog worker (GetBucketLocation with its own credentials)',
  ],
  since: '0.2.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), needsInput: true, needsOutput: true }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const handed = artifactCredentialsOf(evidence.trace, jobId)
        const calls = s3CallsFor(evidence.trace, jobId)
        const findings = calls.flatMap((call) => {
          const known = handed.filter((h) => h.seq < call.seq)
          if (call.accessKeyId !== undefined && known.some((h) => h.accessKeyId === call.accessKeyId)) return []
          const { bucket, key } = s3ObjectOf(call)
          const keys = [...new Set(known.map((h) => h.accessKeyId))]
          return [
            {
              jobId,
              seq: call.seq,
              message: `The worker accessed an artifact of job ${jobId} without signing with the job's artifactCredentials.`,
              expected:
                keys.length > 0
                  ? keys.map((k) => `signed with access key ${k} (the job's artifactCredentials)`)
                  : ["no S3 call before the job's artifactCredentials were handed out"],
              actual: `${describeCall(call)} on s3://${bucket}/${key}, signed with ${call.accessKeyId ?? 'no SigV4 access key'}`,
            },
          ]
        })
        return { exercised: calls.length > 0, findings }
      },
      "the worker made no S3 call for this scenario's artifacts",
    ),
})
