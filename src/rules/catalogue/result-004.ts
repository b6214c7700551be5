import fc from 'fast-check'
import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall, resultCallsOf } from '../trace-queries.js'

/** Answers that say the job can take no result any more: not transient, not fixable by trying again. */
export const FINAL_RESULT_ERRORS = ['InvalidJobStateException', 'JobNotFoundException'] as const

export const RESULT_004 = defineRule({
  id: 'RESULT-004',
  area: 'results',
  level: 'MUST',
  title: 'A result refused as InvalidJobState or JobNotFound is final',
  requirement:
    'When a result call for a job is answered InvalidJobStateException or JobNotFoundException, a worker MUST treat the job as finished for it: no further result call for that job, neither the same kind again nor the opposite kind.',
  observe:
    'Queues jobs that the service abandons (stop and abandon) right after they are claimed, so the result the worker then sends is answered InvalidJobStateException; any result call for the job after that answer is a violation (SDK retries do not happen: the error is not retryable). A refusal that follows a result applied with its answer dropped is left to ERR-001, which judges what a worker does after a lost answer.',
  rationale:
    'These answers mean the job is abandoned, timed out or already finished: nothing the worker sends will be accepted. A retry loop burns calls until the worker is throttled, and a failure sent after a refused success (or the reverse) is a second, contradictory report that would land on a re-dispatched job if the ids ever matched.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PutJobSuccessResult.html (Errors)',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/concepts.html (stop and abandon)',
    'protocol-notes section 7, candidate rule 21',
  ],
  since: '0.3.0',
  // Abandoned within 2 ms of the claim: before any worker can have sent its result (a round trip
  // at least), however fast it works or however loaded the machine, so every scenario reaches the rule.
  scenario: (context) =>
    fc
      .tuple(scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'any' }], { extraJobs: 1 }), fc.integer({ min: 0, max: 2 }))
      .map(([scenario, abandonAfterMs]) => ({ jobs: scenario.jobs.map((job, i) => (i === 0 ? { ...job, abandonAfterMs } : job)) })),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const results = resultCallsOf(evidence.trace, jobId)
        const refused = results.find((r) => r.response.errorType !== undefined && (FINAL_RESULT_ERRORS as readonly string[]).includes(r.response.errorType))
        if (!refused) return { exercised: false, findings: [] }
        // After an applied result whose answer was lost, the refusal of the retry is ERR-001's to judge: one bug, one rule.
        if (results.some((r) => r.seq < refused.seq && r.fault === 'drop-response')) return { exercised: false, findings: [] }
        const findings: Finding[] = results
          .filter((r) => r.seq > refused.seq)
          .map((r) => ({
            jobId,
            seq: r.seq,
            message: `The worker reported job ${jobId} again after its result was refused with ${refused.response.errorType ?? ''}.`,
            expected: [`no result call for the job after ${describeCall(refused)}`],
            actual: describeCall(r),
          }))
        return { exercised: true, findings }
      },
      'no result call of this scenario was answered InvalidJobStateException or JobNotFoundException',
    ),
})
