import { stolenBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, describeCall, isSuccessfulAcknowledgement, resultCallsOf } from '../trace-queries.js'

export const NONCE_002 = defineRule({
  id: 'NONCE-002',
  area: 'nonce',
  level: 'MUST',
  title: 'After InvalidNonceException, report nothing for that job',
  requirement:
    'When AcknowledgeJob answers InvalidNonceException, a worker MUST NOT report a result (success or failure) for that job, unless a later dispatch of it is acknowledged successfully.',
  observe: 'Lets another worker claim a job first, so the acknowledgement is answered InvalidNonceException; any later result call for that job is a violation.',
  rationale:
    'InvalidNonceException means another worker owns the job. The service cannot tell who sends a result, so a failure reported here fails the other worker\'s job and stops the pipeline (seen in real workers that fail every job whose acknowledgement errs).',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html',
  ],
  since: '0.1.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: stolenBehaviour() }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const acknowledgements = acknowledgementsOf(evidence.trace, jobId)
        const lost = acknowledgements.find((ack) => ack.response.errorType === 'InvalidNonceException')
        if (!lost) return { exercised: false, findings: [] }
        const reclaimed = acknowledgements.find((ack) => ack.seq > lost.seq && isSuccessfulAcknowledgement(ack))
        const findings = resultCallsOf(evidence.trace, jobId)
          .filter((result) => result.seq > lost.seq && (!reclaimed || result.seq < reclaimed.seq))
          .map((result) => ({
            jobId,
            seq: result.seq,
            message: `AcknowledgeJob answered InvalidNonceException for job ${jobId} (another worker owns it), but the worker reported a result for it.`,
            expected: ['no result call for the job: drop it silently'],
            actual: describeCall(result),
          }))
        return { exercised: true, findings }
      },
      'no acknowledgement in this scenario was answered InvalidNonceException',
    ),
})
