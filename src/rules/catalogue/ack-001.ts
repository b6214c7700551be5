import { anyBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, describeCall, resultCallsOf } from '../trace-queries.js'

export const ACK_001 = defineRule({
  id: 'ACK-001',
  area: 'acknowledgement',
  level: 'MUST',
  title: 'Acknowledge before reporting',
  requirement: 'A worker MUST call AcknowledgeJob for a job before it reports any result (PutJobSuccessResult or PutJobFailureResult) for that job.',
  observe: 'Queues ordinary, stolen and non-InProgress jobs and orders every call per job; a result call with no AcknowledgeJob before it is a violation.',
  rationale:
    'Acknowledging with the nonce is how a worker claims a job; a result from a worker that never claimed it may finish a job another worker owns, and the service rejects it for a job that is not InProgress.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html',
  ],
  since: '0.1.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: anyBehaviour() }], { extraJobs: 2 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const acknowledgements = acknowledgementsOf(evidence.trace, jobId)
        const results = resultCallsOf(evidence.trace, jobId)
        const findings = results
          .filter((result) => !acknowledgements.some((ack) => ack.seq < result.seq))
          .map((result) => ({
            jobId,
            seq: result.seq,
            message: `The worker reported a result for job ${jobId} without acknowledging it first.`,
            expected: ['AcknowledgeJob(jobId, nonce) before any result call', 'no result call at all'],
            actual: describeCall(result),
          }))
        return { exercised: results.length > 0, findings }
      },
      'the worker reported no result for any job of this scenario',
    ),
})
