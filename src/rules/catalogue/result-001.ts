import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, describeCall, isSuccessfulAcknowledgement, resultCallsOf } from '../trace-queries.js'

export const RESULT_001 = defineRule({
  id: 'RESULT-001',
  area: 'results',
  level: 'MUST',
  title: 'Exactly one result per acknowledged job',
  requirement:
    'For every job it acknowledged successfully, a worker MUST report exactly one result (PutJobSuccessResult or PutJobFailureResult) before the job times out, and MUST NOT report again once the service has accepted one.',
  observe:
    'Queues ordinary jobs (some with missing input artifacts, so both outcomes occur) and counts result calls per acknowledged job until the worker has moved on; none before the job timed out, or any after an accepted one, is a violation. A result the service rejected as invalid is judged by RESULT-002 instead.',
  rationale:
    'A job left without a result blocks its pipeline until the action times out (24 hours for custom actions); a second result is at best rejected and at worst, after a re-dispatch, lands on a job another worker now holds.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, steps 5 and 6)',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html (custom action timeout)',
  ],
  since: '0.1.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'any' }], { extraJobs: 2 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const claim = acknowledgementsOf(evidence.trace, jobId).find(isSuccessfulAcknowledgement)
        if (!claim) return { exercised: false, findings: [] }
        const results = resultCallsOf(evidence.trace, jobId).filter((r) => r.seq > claim.seq)
        const accepted = results.find((r) => r.response.status === 200)
        const findings: Finding[] = []
        if (accepted) {
          for (const again of results.filter((r) => r.seq > accepted.seq)) {
            findings.push({
              jobId,
              seq: again.seq,
              message: `The worker reported job ${jobId} again after the service had accepted its result.`,
              expected: ['no further result call after an accepted one'],
              actual: `${describeCall(again)}, after ${describeCall(accepted)}`,
            })
          }
          return { exercised: true, findings }
        }
        if (results.some((r) => r.response.errorType === 'ValidationException')) return { exercised: true, findings }
        const outcome = evidence.outcomes.find((o) => o.jobId === jobId)
        if (outcome?.status === 'InProgress') {
          // The scenario deadline passed before the job's own timeout: not enough evidence either way.
          return { exercised: false, findings }
        }
        findings.push({
          jobId,
          seq: claim.seq,
          message: `The worker acknowledged job ${jobId} but never had a result accepted for it; the job ended ${outcome?.status ?? 'unknown'}.`,
          expected: ['one PutJobSuccessResult or PutJobFailureResult before the job times out'],
          actual: results.length === 0 ? `no result call after ${describeCall(claim)}` : results.map(describeCall).join('; '),
        })
        return { exercised: true, findings }
      },
      'the worker acknowledged no job of this scenario successfully, or the scenario deadline passed with the job still open',
    ),
})
