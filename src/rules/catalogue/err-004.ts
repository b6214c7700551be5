import type { Finding } from '../../report/results.js'
import { transientPollFaults } from '../../scenarios/faults.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import type { TraceEntry } from '../../service/trace/trace-entry.js'
import { defineRule } from '../rule.js'
import { failedTransiently, hastyRetries, MIN_RETRY_WAIT_MS } from '../retry-evidence.js'
import { acknowledgementsOf, describeCall, dispatchesOf, isSuccessfulAcknowledgement, resultCallsOf } from '../trace-queries.js'

/**
 * The least time a worker needs after the burst to be judged on taking the job: a backoff that
 * grows as the rule asks may wait this long. A worker that came to the burst late (still in a
 * pause of its own from an earlier scenario) and ran out of scenario is not judged on it.
 */
const BACKOFF_ALLOWANCE_MS = 2000

export const ERR_004 = defineRule({
  id: 'ERR-004',
  area: 'errors',
  level: 'MUST',
  title: 'Keep polling, with backoff, through PollForJobs errors',
  requirement:
    'When PollForJobs fails (throttling, a 5xx answer, a lost connection), a worker MUST keep running and poll again with backoff, and MUST go on to take and finish the jobs queued after the errors.',
  observe: `Answers three to five PollForJobs in a row with ThrottlingException, InternalFailure (500) or ServiceUnavailable (503), with a job queued. A poll of the worker's own sooner than ${MIN_RETRY_WAIT_MS} ms after a failed one (the SDK's own retries, told apart by amz-sdk-invocation-id, are not counted), no later poll that takes the job, or no result for it once claimed before the scenario settles is a violation. A job not taken is judged only when the burst ended at least ${BACKOFF_ALLOWANCE_MS} ms before the scenario did (a worker still paused from an earlier scenario may reach the burst late).`,
  rationale:
    'Throttling and brief outages of the service are normal; a worker that exits or stops its poll loop on the first one stops serving its pipelines until someone restarts it, and one that retries at once adds to the load that caused the throttling.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/CommonErrors.html',
    'protocol-notes section 7, candidate rule 34 (W-jfrog re-raises a poll error and exits)',
  ],
  since: '0.3.0',
  // Each scenario waits out the worker's backoff through a fault burst; the bursts vary in kind and length only: a few suffice.
  maxRuns: 6,
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 0 }).chain((scenario) => transientPollFaults().map((faults) => ({ ...scenario, faults }))),
  check: (evidence) => {
    const polls = evidence.trace.filter((entry) => entry.operation === 'PollForJobs')
    const faulted = polls.filter((entry) => entry.fault !== undefined && failedTransiently(entry))
    const lastFault = faulted.at(-1)
    if (!lastFault) return { verdict: 'unknown', findings: [], note: 'no PollForJobs of this scenario met a fault' }
    const findings: Finding[] = hastyRetries(polls).map(({ failed, retry, waitMs }) => ({
      seq: retry.seq,
      message: `The worker polled again ${Math.round(waitMs)} ms after PollForJobs failed, without backing off.`,
      expected: [`a wait of at least ${MIN_RETRY_WAIT_MS} ms, growing with each failure, before polling again`],
      actual: `${describeCall(retry)}, ${Math.round(waitMs)} ms after ${describeCall(failed)}`,
    }))
    const timeLeftMs = evidence.span ? evidence.span.settledAt - lastFault.at : Infinity
    let cutShort = false
    for (const job of evidence.scenario.jobs) {
      const taken = dispatchesOf(evidence.trace, job.id).find((dispatch) => dispatch.seq > lastFault.seq)
      const outcome = evidence.outcomes.find((o) => o.jobId === job.id)
      if (!taken && timeLeftMs < BACKOFF_ALLOWANCE_MS) {
        cutShort = true
        continue
      }
      if (!taken) {
        findings.push({
          jobId: job.id,
          seq: lastFault.seq,
          message: `After PollForJobs failed, the worker never polled its way to job ${job.id}.`,
          expected: ['polling again with backoff, and taking the job once the service answers'],
          actual: `no poll handed out the job after ${describeCall(lastFault)}`,
        })
        continue
      }
      // Whether the worker then claims the job properly is for the ACK and NONCE rules to judge; this rule asks for a result only once a claim held.
      const claim = acknowledgementsOf(evidence.trace, job.id).find((ack) => ack.seq > taken.seq && isSuccessfulAcknowledgement(ack))
      if (!claim) continue
      const reported = resultCallsOf(evidence.trace, job.id).some((r: TraceEntry) => r.seq > claim.seq)
      if (!reported && !(outcome?.settledBy === 'deadline' && outcome.status === 'InProgress'))
        findings.push({
          jobId: job.id,
          seq: claim.seq,
          message: `After the PollForJobs errors the worker took and claimed job ${job.id} but never finished it; the job ended ${outcome?.status ?? 'unknown'}.`,
          expected: ['the job worked and reported as usual'],
          actual: `no result call after ${describeCall(claim)}`,
        })
    }
    if (findings.length > 0) return { verdict: 'fail', findings }
    if (cutShort) return { verdict: 'unknown', findings: [], note: `the PollForJobs errors ended less than ${BACKOFF_ALLOWANCE_MS} ms before the scenario did, too late to judge whether the worker would take the job` }
    return { verdict: 'pass', findings: [] }
  },
})
