import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import type { ActionTypeId } from '../../service/jobs/job-spec.js'
import type { TraceEntry } from '../../service/trace/trace-entry.js'
import type { Judgement } from '../rule.js'
import { defineRule } from '../rule.js'
import { describeCall } from '../trace-queries.js'

/** The service's answers to a poll for a type that does not exist, or to a malformed poll. */
const REFUSALS = ['ActionTypeNotFoundException', 'ValidationException']
const FIELDS = ['category', 'owner', 'provider', 'version'] as const

const show = (value: unknown): string => (value === undefined ? 'missing' : JSON.stringify(value))

/** What is wrong with one PollForJobs call, as short phrases; empty when nothing is. */
export function pollProblems(poll: TraceEntry, configured: ActionTypeId): string[] {
  const request = (poll.request ?? {}) as { actionTypeId?: Record<string, unknown>; maxBatchSize?: unknown }
  const sent = request.actionTypeId ?? {}
  const problems: string[] = []
  for (const field of FIELDS) {
    if (sent[field] !== configured[field]) problems.push(`actionTypeId.${field} ${show(sent[field])} instead of ${JSON.stringify(configured[field])}`)
  }
  const size = request.maxBatchSize
  if (size !== undefined && !(typeof size === 'number' && Number.isInteger(size) && size >= 1)) problems.push(`maxBatchSize ${show(size)}, not a whole number >= 1`)
  if (problems.length === 0 && poll.response.errorType !== undefined && REFUSALS.includes(poll.response.errorType))
    problems.push(`answered ${poll.response.errorType}`)
  return problems
}

export const POLL_001 = defineRule({
  id: 'POLL-001',
  area: 'polling',
  level: 'MUST',
  title: 'Poll for exactly the configured action type',
  requirement:
    "Every PollForJobs call MUST name the worker's configured action type exactly (category, owner Custom, provider, version) and, when it sends maxBatchSize, a whole number of at least 1.",
  observe:
    "Compares every PollForJobs in the scenario's evidence with the action type conform was configured with; a mismatch, a maxBatchSize below 1, or a poll the fake answered ActionTypeNotFoundException or ValidationException is a violation.",
  rationale:
    "A poll for another category, owner, provider or version (a typo, a stale version after an upgrade, a case mismatch) never receives a job: the worker looks healthy, and the pipeline's jobs wait for someone else until they time out.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PollForJobs.html',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ActionTypeId.html',
    'botocore codepipeline 2015-07-09 service model, shapes ActionTypeId and MaxBatchSize (minimum 1)',
  ],
  since: '0.2.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 1 }),
  check: (evidence): Judgement => {
    const configured = evidence.scenario.jobs[0]?.actionTypeId
    const polls = evidence.trace.filter((entry) => entry.operation === 'PollForJobs')
    if (!configured || polls.length === 0) return { verdict: 'unknown', findings: [], note: 'no PollForJobs call was part of this scenario' }
    // One finding per distinct problem: a worker polling every 25 ms repeats the same one hundreds of times.
    const byProblem = new Map<string, TraceEntry[]>()
    for (const poll of polls) {
      const problems = pollProblems(poll, configured).join('; ')
      if (problems) byProblem.set(problems, [...(byProblem.get(problems) ?? []), poll])
    }
    const findings: Finding[] = [...byProblem].map(([problems, calls]) => {
      const first = calls[0] as TraceEntry
      return {
        seq: first.seq,
        message: `The worker polled for an action type other than the one it is configured for, or with an invalid batch size: ${problems}.`,
        expected: [`actionTypeId ${JSON.stringify(configured)}`, 'maxBatchSize absent or a whole number >= 1'],
        actual: `${describeCall(first)}${calls.length > 1 ? ` (and ${calls.length - 1} more such poll(s))` : ''}`,
      }
    })
    return findings.length > 0 ? { verdict: 'fail', findings } : { verdict: 'pass', findings: [] }
  },
})
