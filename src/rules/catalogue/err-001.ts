import type { Finding } from '../../report/results.js'
import { resultFaults } from '../../scenarios/faults.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { failedTransiently, hastyRetries, MIN_RETRY_WAIT_MS, notApplied } from '../retry-evidence.js'
import { acknowledgementsOf, describeCall, isSuccessfulAcknowledgement, resultCallsOf } from '../trace-queries.js'

export const ERR_001 = defineRule({
  id: 'ERR-001',
  area: 'errors',
  level: 'MUST',
  title: 'Retry result calls through throttling, 5xx and lost connections',
  requirement:
    "When a result call (PutJobSuccessResult, PutJobFailureResult) fails transiently (ThrottlingException, a 5xx answer, a reset connection, a lost answer), a worker MUST retry it with backoff until it succeeds or the service answers that the job can no longer be reported, also when the failures outlast its SDK's own retries; and when a retry after a lost answer is answered InvalidJobStateException, it MUST NOT report the job the other way.",
  observe: `Answers a job's result calls with three to five throttling, 500, 503 or reset answers in a row (more than the JS SDK's own three attempts), sometimes followed by a result that is applied but whose answer is dropped. Stopping while the last result call had failed transiently, retrying sooner than ${MIN_RETRY_WAIT_MS} ms after a failed call (counting the worker's calls, not the SDK's own attempts, told apart by the amz-sdk-invocation-id header), or reporting the other kind of result after a dropped answer is a violation.`,
  rationale:
    "A result that never arrives leaves the pipeline stuck until the action times out, and SDKs give up after three to five attempts, which a throttling burst outlasts. A dropped answer is the subtle case: the service applied the result, so the retry is refused as InvalidJobStateException, and a worker that reads that as its failure reports a finished job as failed.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/CommonErrors.html',
    'https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html (standard mode: three attempts)',
    'protocol-notes section 7, candidate rule 22',
  ],
  since: '0.3.0',
  // Each scenario waits out the worker's backoff through a fault burst (about a second); the bursts vary in kind and length only: a few suffice.
  maxRuns: 6,
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 1 }).chain((scenario) =>
      resultFaults().map((faults) => ({ ...scenario, jobs: scenario.jobs.map((job, index) => (index === 0 ? { ...job, faults } : job)) })),
    ),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const claim = acknowledgementsOf(evidence.trace, jobId).find(isSuccessfulAcknowledgement)
        if (!claim) return { exercised: false, findings: [] }
        const results = resultCallsOf(evidence.trace, jobId).filter((r) => r.seq > claim.seq)
        if (!results.some((r) => r.fault !== undefined)) return { exercised: false, findings: [] }
        const findings: Finding[] = []
        for (const { failed, retry, waitMs } of hastyRetries(results)) {
          findings.push({
            jobId,
            seq: retry.seq,
            message: `The worker retried a failed result call for job ${jobId} after ${Math.round(waitMs)} ms, without backing off.`,
            expected: [`a wait of at least ${MIN_RETRY_WAIT_MS} ms, growing with each failure, before the worker's own retry`],
            actual: `${describeCall(retry)}, ${Math.round(waitMs)} ms after ${describeCall(failed)}`,
          })
        }
        for (const dropped of results.filter((r) => r.fault === 'drop-response')) {
          const turned = results.find((r) => r.seq > dropped.seq && r.operation !== dropped.operation)
          if (turned)
            findings.push({
              jobId,
              seq: turned.seq,
              message: `The service applied the worker's ${dropped.operation} for job ${jobId} but the answer was lost; the worker then reported the job the other way.`,
              expected: [`after a lost answer, retries of ${dropped.operation} only; InvalidJobStateException means it was applied`],
              actual: `${describeCall(turned)}, after ${describeCall(dropped)} (applied, answer dropped)`,
            })
        }
        const last = results.at(-1)
        if (last && failedTransiently(last) && notApplied(last)) {
          const outcome = evidence.outcomes.find((o) => o.jobId === jobId)
          // The scenario ended while the job was still open: the worker may yet have retried.
          if (outcome?.settledBy === 'deadline' && outcome.status === 'InProgress' && findings.length === 0) return { exercised: false, findings }
          findings.push({
            jobId,
            seq: last.seq,
            message: `The worker stopped reporting job ${jobId} after a transient failure; the job ended ${outcome?.status ?? 'unknown'} without a result.`,
            expected: ['retries with backoff until the result is accepted, or refused as InvalidJobStateException / JobNotFoundException'],
            actual: `no result call after ${describeCall(last)}${last.fault ? ` (fault: ${last.fault})` : ''}`,
          })
        }
        return { exercised: true, findings }
      },
      "no result call of this scenario met a fault (the worker acknowledged no job, or never reported)",
    ),
})
