import type { Finding } from '../../report/results.js'
import { refusedPollFaults } from '../../scenarios/faults.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import type { TraceEntry } from '../../service/trace/trace-entry.js'
import { defineRule } from '../rule.js'
import { NON_RETRYABLE_ERRORS } from '../retry-evidence.js'
import { describeCall } from '../trace-queries.js'

/** More than this many refused calls of one kind within WINDOW_MS is retrying faster than about once a second. */
const MOST_IN_WINDOW = 3
const WINDOW_MS = 2000

export const ERR_002 = defineRule({
  id: 'ERR-002',
  area: 'errors',
  level: 'MUST',
  title: 'Do not retry refusals in a tight loop',
  requirement:
    'When the service refuses a call with an error retrying cannot fix (ValidationException, ActionTypeNotFoundException, AccessDeniedException, InvalidClientTokenException), a worker MUST NOT repeat it faster than about once a second; it SHOULD say so loudly and back off for longer (30 s or more), or exit non-zero.',
  observe: `Refuses every PollForJobs for two to two and a half seconds with ActionTypeNotFoundException, ValidationException or AccessDeniedException. More than ${MOST_IN_WINDOW} refused calls of one operation (and job) within any ${WINDOW_MS / 1000} s is a violation. The SHOULD (a long back-off, or exiting) is not judged.`,
  rationale:
    'These errors mean the worker is misconfigured or lacks permission; they will not go away by themselves. A worker that retries them at its poll interval floods the service, which throttles the whole account, and hides the real problem in its logs.',
  sources: [
    'botocore codepipeline 2015-07-09 service model (ValidationException, ActionTypeNotFoundException, InvalidClientTokenException)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/CommonErrors.html (AccessDeniedException)',
    'protocol-notes section 7, candidate rule 35',
  ],
  since: '0.3.0',
  // Each scenario refuses polls for over two seconds and then waits out the worker's back-off; what varies is only the error and the window.
  maxRuns: 3,
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 0 }).chain((scenario) => refusedPollFaults().map((faults) => ({ ...scenario, faults }))),
  check: (evidence) => {
    const refused = evidence.trace.filter((entry) => entry.response.errorType !== undefined && NON_RETRYABLE_ERRORS.includes(entry.response.errorType))
    if (refused.length === 0) return { verdict: 'unknown', findings: [], note: 'the service refused no call of this scenario with a non-retryable error' }
    const groups = new Map<string, TraceEntry[]>()
    for (const entry of refused) {
      const key = `${entry.operation} ${entry.jobId ?? ''}`
      groups.set(key, [...(groups.get(key) ?? []), entry])
    }
    const findings: Finding[] = []
    for (const calls of groups.values()) {
      const burst = firstBurst(calls)
      if (!burst) continue
      const first = burst[0] as TraceEntry
      const last = burst.at(-1) as TraceEntry
      findings.push({
        ...(first.jobId !== undefined ? { jobId: first.jobId } : {}),
        seq: last.seq,
        message: `The worker repeated ${first.operation} ${burst.length} times within ${Math.round(last.at - first.at)} ms although the service refused it with ${first.response.errorType}, which retrying cannot fix.`,
        expected: [`at most ${MOST_IN_WINDOW} refused calls within any ${WINDOW_MS / 1000} s (about one a second), better a long back-off or an exit`],
        actual: `${describeCall(first)} ... ${describeCall(last)}`,
      })
    }
    return findings.length > 0 ? { verdict: 'fail', findings } : { verdict: 'pass', findings: [] }
  },
})

/** The first run of more than MOST_IN_WINDOW calls within WINDOW_MS, as many calls as that window holds. */
function firstBurst(calls: readonly TraceEntry[]): TraceEntry[] | undefined {
  for (let i = 0; i + MOST_IN_WINDOW < calls.length; i += 1) {
    const start = calls[i] as TraceEntry
    const within = calls.slice(i).filter((call) => call.at - start.at <= WINDOW_MS)
    if (within.length > MOST_IN_WINDOW) return within
  }
  return undefined
}
