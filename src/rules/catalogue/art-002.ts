import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall, s3CallsFor, s3ObjectOf } from '../trace-queries.js'

const SSE = 'x-amz-server-side-encryption'
const SSE_KEY_ID = 'x-amz-server-side-encryption-aws-kms-key-id'
/** The S3 operations that write an object (the fake implements PutObject; CopyObject is judged too). */
const WRITES = ['PutObject', 'CopyObject']

export const ART_002 = defineRule({
  id: 'ART-002',
  area: 'artifacts',
  level: 'MUST',
  title: "Upload outputs with SSE-KMS and the job's key",
  requirement:
    "A worker MUST upload output artifacts with SSE-KMS (x-amz-server-side-encryption: aws:kms) and, when the job carries encryptionKey, MUST name that key's id in x-amz-server-side-encryption-aws-kms-key-id.",
  observe:
    "Queues jobs with output artifacts, some carrying an encryptionKey (a key id, key ARN or alias ARN), and reads the SSE headers of every PutObject or CopyObject on the job's output keys; a missing or other encryption, or a key id other than the job's, is a violation.",
  rationale:
    "Pipelines with a customer-managed key give that key's id in encryptionKey; an output encrypted with the AWS-managed key instead cannot be read by the next action's role in another account, so the pipeline fails one stage later, far from its cause.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (custom job worker architecture: SSE-KMS)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_EncryptionKey.html',
    'jenkinsci/aws-codepipeline-plugin (toSSEAwsKeyManagementParams uses encryptionKey.id); lafiosca and qblu Lambda helpers (aws:kms without the key id)',
  ],
  since: '0.2.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), needsOutput: true, encryptionKey: 'always' }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const outputs = new Set((job?.outputArtifacts ?? []).map((a) => `${a.bucketName}/${a.objectKey}`))
        const keyId = job?.encryptionKey?.id
        const writes = s3CallsFor(evidence.trace, jobId).filter((call) => {
          const { bucket, key } = s3ObjectOf(call)
          return WRITES.includes(call.operation) && outputs.has(`${bucket}/${key}`)
        })
        const expected = keyId === undefined ? [`${SSE}: aws:kms`] : [`${SSE}: aws:kms with ${SSE_KEY_ID}: ${keyId} (the job's encryptionKey.id)`]
        const findings: Finding[] = writes.flatMap((call) => {
          const { bucket, key, headers } = s3ObjectOf(call)
          const sse = headers[SSE]
          const sentKeyId = headers[SSE_KEY_ID]
          const problems: string[] = []
          if (sse !== 'aws:kms') problems.push(sse === undefined ? `no ${SSE} header` : `${SSE}: ${sse}`)
          if (keyId !== undefined && sentKeyId !== keyId) problems.push(sentKeyId === undefined ? `no ${SSE_KEY_ID} header` : `${SSE_KEY_ID}: ${sentKeyId}`)
          if (problems.length === 0) return []
          return [
            {
              jobId,
              seq: call.seq,
              message:
                keyId !== undefined && problems.every((p) => p.startsWith(`no ${SSE_KEY_ID}`) || p.startsWith(SSE_KEY_ID))
                  ? `The worker uploaded an output artifact of job ${jobId} without the KMS key the job's encryptionKey names.`
                  : `The worker uploaded an output artifact of job ${jobId} without SSE-KMS.`,
              expected,
              actual: `${describeCall(call)} on s3://${bucket}/${key} with ${problems.join(', ')}`,
            },
          ]
        })
        return { exercised: writes.length > 0, findings }
      },
      "the worker uploaded no output artifact in this scenario",
    ),
})
