import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { artifactCredentialsOf, describeCall } from '../trace-queries.js'

export const ART_006 = defineRule({
  id: 'ART-006',
  area: 'artifacts',
  level: 'MUST',
  title: 'Never sign CodePipeline calls with artifact credentials',
  requirement:
    "A worker MUST sign every CodePipeline call with its own credentials and MUST NOT use a job's artifactCredentials for anything but that job's artifacts in S3.",
  observe:
    "Gives the worker credentials of its own and each job random artifact credentials; the fake verifies every CodePipeline call's SigV4 signature and records whose credentials signed it (the trace's signer). A CodePipeline call signed with a job's artifact access key is a violation (the fake answers it AccessDeniedException, as the artifact role may not call CodePipeline).",
  rationale:
    "The artifact credentials are a session of a role scoped to the pipeline's artifact bucket: CodePipeline refuses them, and a worker that signs its job calls with them fails in production, or mixes the two identities so that a leak of one gives the other's reach.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (the job worker\'s IAM policy for the job APIs)',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/troubleshooting.html (artifact credentials are scoped to the artifact paths)',
    'protocol-notes section 7, candidate rule 29',
  ],
  since: '0.3.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), needsInput: true }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const handed = artifactCredentialsOf(evidence.trace, jobId)
        if (handed.length === 0) return { exercised: false, findings: [] }
        const keys = new Set(handed.map((h) => h.accessKeyId))
        const first = handed[0]?.seq ?? 0
        const calls = evidence.trace.filter((entry) => entry.service === 'codepipeline' && entry.seq > first)
        const findings = calls
          .filter((call) => call.accessKeyId !== undefined && keys.has(call.accessKeyId))
          .map((call) => ({
            jobId,
            seq: call.seq,
            message: `The worker signed a CodePipeline call with the artifactCredentials of job ${jobId}.`,
            expected: ["CodePipeline calls signed with the worker's own credentials", "the job's artifactCredentials used only for its artifacts in S3"],
            actual: `${describeCall(call)}, signed with ${call.accessKeyId ?? ''} (signer: ${call.signer ?? 'unknown'})`,
          }))
        // Exercised once the worker went on calling CodePipeline while it held the job's credentials.
        return { exercised: calls.some((call) => call.jobId === jobId) || findings.length > 0, findings }
      },
      'no job of this scenario was handed artifact credentials and then reported',
    ),
})
