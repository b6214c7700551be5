import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, describeCall, isSuccessfulAcknowledgement, resultCallsOf, s3CallsFor, s3ObjectOf } from '../trace-queries.js'

export const RESULT_003 = defineRule({
  id: 'RESULT-003',
  area: 'results',
  level: 'MUST',
  title: 'A job that could not be done is reported as failed',
  requirement:
    'When a worker cannot do a job it owns (here: an input artifact is missing from S3), it MUST report PutJobFailureResult and MUST NOT report PutJobSuccessResult.',
  observe:
    "Queues jobs with an input artifact missing from S3 (the fake answers NoSuchKey) and, for each job the worker acknowledged and tried to read that input for, looks at its report: a PutJobSuccessResult before any result was accepted is a violation. A second report after an accepted one is RESULT-001's, a job left unreported RESULT-001's too.",
  rationale:
    'A success for work that was not done lets the pipeline go on to deploy or release without the build it thinks it has; the failure surfaces stages later, or never. Swallowed download errors and catch-all handlers that fall through to "success" are how it happens.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PutJobFailureResult.html',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 5)',
    'jenkinsci/aws-codepipeline-plugin issue #40 (an OutOfMemoryError during upload reported as success; fixed in 6eac484)',
  ],
  since: '0.2.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'missing' }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const missing = new Set(
          (job?.inputArtifacts ?? []).filter((a) => a.content?.kind === 'missing').map((a) => `${a.bucketName}/${a.objectKey}`),
        )
        const claim = acknowledgementsOf(evidence.trace, jobId).find(isSuccessfulAcknowledgement)
        if (missing.size === 0 || !claim) return { exercised: false, findings: [] }
        const tried = s3CallsFor(evidence.trace, jobId).find((call) => {
          const { bucket, key } = s3ObjectOf(call)
          return (call.operation === 'GetObject' || call.operation === 'HeadObject') && missing.has(`${bucket}/${key}`)
        })
        if (!tried) return { exercised: false, findings: [] }
        const results = resultCallsOf(evidence.trace, jobId).filter((r) => r.seq > claim.seq)
        const accepted = results.find((r) => r.response.status === 200)
        const findings = results
          .filter((r) => r.operation === 'PutJobSuccessResult' && (!accepted || r.seq <= accepted.seq))
          .map((r) => ({
            jobId,
            seq: r.seq,
            message: `The worker reported success for job ${jobId}, whose input artifact it could not read.`,
            expected: ['PutJobFailureResult for the job', 'no PutJobSuccessResult'],
            actual: `${describeCall(r)}, after ${describeCall(tried)} on s3://${s3ObjectOf(tried).bucket}/${s3ObjectOf(tried).key}`,
          }))
        return { exercised: true, findings }
      },
      'the worker acknowledged no job with a missing input artifact, or never tried to read that artifact',
    ),
})
