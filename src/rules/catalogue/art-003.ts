import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, describeCall, isSuccessfulAcknowledgement, resultCallsOf, s3CallsFor, s3ObjectOf } from '../trace-queries.js'

export const ART_003 = defineRule({
  id: 'ART-003',
  area: 'artifacts',
  level: 'MUST',
  title: 'A corrupt input artifact fails the job',
  requirement:
    'When an input artifact downloads but cannot be read as the zip archive CodePipeline stores (truncated, corrupt), a worker MUST report PutJobFailureResult for the job and MUST NOT report PutJobSuccessResult.',
  observe:
    "Queues jobs whose input artifact is a zip cut short before its central directory; S3 serves it with 200. For each job the worker acknowledged and downloaded that input for, a PutJobSuccessResult before any result was accepted is a violation. A download that fails (NoSuchKey, AccessDenied) is RESULT-003's situation, and a job left unreported is RESULT-001's.",
  rationale:
    'CodePipeline stores every artifact as a zip; one that cannot be opened means the previous stage or the store is broken, and a worker that treats it as empty, or uses the raw bytes, builds or deploys nothing and tells the pipeline it succeeded.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/concepts.html (input and output artifacts are zip files in the artifact store)',
    'protocol-notes section 7, candidate rule 16 (truncated zip); rule 32 (input artifacts are untrusted)',
  ],
  since: '0.3.0',
  needs: ['artifacts'],
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'corrupt' }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const corrupt = new Set((job?.inputArtifacts ?? []).filter((a) => a.content?.kind === 'corrupt').map((a) => `${a.bucketName}/${a.objectKey}`))
        const claim = acknowledgementsOf(evidence.trace, jobId).find(isSuccessfulAcknowledgement)
        if (corrupt.size === 0 || !claim) return { exercised: false, findings: [] }
        const downloaded = s3CallsFor(evidence.trace, jobId).find((call) => {
          const { bucket, key } = s3ObjectOf(call)
          return call.operation === 'GetObject' && call.response.status === 200 && corrupt.has(`${bucket}/${key}`)
        })
        if (!downloaded) return { exercised: false, findings: [] }
        const results = resultCallsOf(evidence.trace, jobId).filter((r) => r.seq > claim.seq)
        const accepted = results.find((r) => r.response.status === 200)
        const findings = results
          .filter((r) => r.operation === 'PutJobSuccessResult' && (!accepted || r.seq <= accepted.seq))
          .map((r) => ({
            jobId,
            seq: r.seq,
            message: `The worker reported success for job ${jobId}, whose input artifact is not a readable zip.`,
            expected: ['PutJobFailureResult for the job', 'no PutJobSuccessResult'],
            actual: `${describeCall(r)}, after ${describeCall(downloaded)} on s3://${s3ObjectOf(downloaded).bucket}/${s3ObjectOf(downloaded).key} (a truncated zip)`,
          }))
        return { exercised: true, findings }
      },
      'the worker acknowledged no job with a corrupt input artifact, or never downloaded it',
    ),
})
