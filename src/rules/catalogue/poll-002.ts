import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { limitsOf, scenarioArbitrary } from '../../scenarios/scenario.js'
import { fastestTurnaround, idlePolls, ms } from '../idle-polls.js'
import type { Judgement } from '../rule.js'
import { defineRule } from '../rule.js'
import { describeCall } from '../trace-queries.js'

/** Enough polls to see a rate, few enough that a worker polling every 25 ms is watched for a fraction of a second. */
const IDLE_POLLS = 8

export const POLL_002 = defineRule({
  id: 'POLL-002',
  area: 'polling',
  level: 'MUST',
  title: 'No hot loop on an empty queue',
  requirement:
    'When PollForJobs returns no job, a worker MUST wait before polling again: over a stretch of empty polls, it MUST wait on average at least `minPollIntervalMs` (default 200 ms: at most five polls a second) between an empty answer and its next poll.',
  observe:
    "Queues one job, then watches the worker poll the empty queue (8 polls, or until the scenario deadline, whichever comes first). The average gap between polls, less the worker's fastest turnaround while it worked the job (its own SDK overhead, so a loaded machine does not excuse a hot loop), is its wait; a wait below the config's `minPollIntervalMs` is a violation.",
  rationale:
    'A worker that polls again at once on an empty answer spins through the API as fast as the network allows: it burns its account-wide request quota (PollForJobs is throttled with ThrottlingException), starves the other workers and pipelines of the account, and costs CPU for nothing. The protocol notes set sustained rates of 5 polls a second and more as the line; the AWS samples wait 3 to 30 seconds.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PollForJobs.html',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/CommonErrors.html (ThrottlingException)',
    'https://github.com/jenkinsci/aws-codepipeline-plugin (polling with jitter)',
  ],
  since: '0.3.0',
  // Each scenario watches an idle stretch, and what it judges does not depend on the jobs: a few suffice.
  maxRuns: 5,
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 0 }).map((scenario) => ({ ...scenario, idle: { polls: IDLE_POLLS, minPollIntervalMs: limitsOf(context).minPollIntervalMs } })),
  check: (evidence): Judgement => {
    const stretch = idlePolls(evidence)
    const minimum = evidence.scenario.idle?.minPollIntervalMs
    if (!stretch || minimum === undefined || stretch.polls.length < 3) {
      return { verdict: 'unknown', findings: [], note: 'the idle stretch saw fewer than 3 polls before the scenario deadline' }
    }
    const first = stretch.polls[0]
    const last = stretch.polls.at(-1)
    if (!first || !last) return { verdict: 'unknown', findings: [] }
    const average = (last.at - first.at) / stretch.gaps.length
    const turnaround = fastestTurnaround(evidence)
    const wait = Math.max(0, average - turnaround)
    if (wait >= minimum) return { verdict: 'pass', findings: [] }
    return {
      verdict: 'fail',
      findings: [
        {
          seq: last.seq,
          message: `The worker polled an empty queue ${stretch.polls.length} times in ${ms(last.at - first.at)}: one poll every ${ms(average)} on average, of which it waited about ${ms(wait)} (its fastest turnaround was ${ms(turnaround)}), less than ${ms(minimum)} (minPollIntervalMs).`,
          expected: [`an average wait of at least ${ms(minimum)} between an empty answer and the next poll`],
          actual: `${describeCall(first)} ... ${describeCall(last)}; gaps ${stretch.gaps.map((gap) => Math.round(gap)).join(', ')} ms`,
        },
      ],
    }
  },
})
