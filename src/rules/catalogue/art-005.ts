import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { artifactCredentialsOf, describeCall, resultCallsOf, s3ObjectOf } from '../trace-queries.js'

const WRITES = new Set(['PutObject', 'CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'CopyObject'])

export const ART_005 = defineRule({
  id: 'ART-005',
  area: 'artifacts',
  level: 'MUST',
  title: 'Write outputs exactly where the job says',
  requirement:
    "A worker MUST write each output artifact to its outputArtifacts[i].location.s3Location (bucket and key, exactly) before it reports success, and MUST NOT write any other object with the job's credentials.",
  observe:
    "Queues jobs with output artifacts and records every S3 write signed with a job's artifact credentials or naming one of its keys: a write to any other bucket or key is a violation (the fake answers it AccessDenied, as the job's role allows only its own keys), and so is an accepted PutJobSuccessResult before every output location was written.",
  rationale:
    "The next action reads the output from exactly that location; an object written anywhere else is lost to the pipeline (and, in a shared bucket, litters or overwrites another pipeline's artifacts). A success without the output sends the next stage to a missing artifact.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (custom job worker architecture)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_S3ArtifactLocation.html',
    'protocol-notes section 7, candidate rule 30',
  ],
  since: '0.3.0',
  needs: ['output-artifacts'],
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'present', needsOutput: true }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const outputs = (job?.outputArtifacts ?? []).map((a) => `${a.bucketName}/${a.objectKey}`)
        const keys = new Set(artifactCredentialsOf(evidence.trace, jobId).map((h) => h.accessKeyId))
        const writes = evidence.trace.filter(
          (e) => e.service === 's3' && WRITES.has(e.operation) && (e.jobId === jobId || (e.accessKeyId !== undefined && keys.has(e.accessKeyId))),
        )
        const findings: Finding[] = []
        for (const write of writes) {
          const { bucket, key } = s3ObjectOf(write)
          if (outputs.includes(`${bucket}/${key}`)) continue
          findings.push({
            jobId,
            seq: write.seq,
            message: `The worker wrote an object for job ${jobId} that is none of its output artifacts.`,
            expected: outputs.map((o) => `writes to s3://${o} only`),
            actual: `${describeCall(write)} on s3://${bucket}/${key}`,
          })
        }
        const success = resultCallsOf(evidence.trace, jobId).find((r) => r.operation === 'PutJobSuccessResult' && r.response.status === 200)
        if (success) {
          for (const output of outputs) {
            const written = writes.some((w) => w.seq < success.seq && w.response.status === 200 && `${s3ObjectOf(w).bucket}/${s3ObjectOf(w).key}` === output)
            if (written) continue
            findings.push({
              jobId,
              seq: success.seq,
              message: `The worker reported success for job ${jobId} without writing its output artifact s3://${output}.`,
              expected: [`an accepted write to s3://${output} before the success`],
              actual: describeCall(success),
            })
          }
        }
        return { exercised: outputs.length > 0 && (writes.length > 0 || success !== undefined), findings }
      },
      'the worker wrote no output and reported no success for a job with output artifacts',
    ),
})
