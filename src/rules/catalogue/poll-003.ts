import { limitsOf, scenarioArbitrary } from '../../scenarios/scenario.js'
import { idlePolls, ms, quantile } from '../idle-polls.js'
import type { Judgement } from '../rule.js'
import { defineRule } from '../rule.js'

/** Gaps needed to tell a fixed interval from a jittered or growing one. */
const MIN_GAPS = 5
/** Below this interquartile spread (relative to the median gap), the gaps are one interval plus scheduling noise. */
const FIXED_SPREAD = 0.1
/** A second half of gaps this much longer than the first is backoff. */
const GROWTH = 1.5

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length)

export const POLL_003 = defineRule({
  id: 'POLL-003',
  area: 'polling',
  level: 'SHOULD',
  title: 'Back off on an empty queue, with jitter',
  requirement:
    'When PollForJobs keeps returning no job, a worker SHOULD lengthen its wait between polls (backoff) and randomise it (jitter), rather than poll at one fixed interval.',
  observe:
    "After the scenario's jobs settle, watches the worker poll an empty queue (10 polls, or until the scenario deadline) and measures the gaps between polls: gaps that neither grow (second half at least 1.5 times the first) nor vary (interquartile range under 10% of the median) are a fixed interval, a violation.",
  rationale:
    'Workers started together (a deployment, an autoscaling group) and polling at one fixed interval stay in lock-step and hit the API in bursts; jitter spreads them out, and backoff makes an idle fleet cheap. The Jenkins plugin added 0 to 55 s of jitter for this reason; AWS recommends exponential backoff with jitter for all its APIs.',
  sources: [
    'https://docs.aws.amazon.com/general/latest/gr/api-retries.html (exponential backoff and jitter)',
    'https://github.com/jenkinsci/aws-codepipeline-plugin commit 1c5063e (random poll delay)',
  ],
  since: '0.3.0',
  // Each scenario watches an idle stretch, and what it judges does not depend on the jobs: a few suffice.
  maxRuns: 5,
  scenario: (context) =>
    scenarioArbitrary(context, [], { extraJobs: 1 }).map((scenario) => ({ ...scenario, idle: { polls: MIN_GAPS * 2, minPollIntervalMs: limitsOf(context).minPollIntervalMs } })),
  check: (evidence): Judgement => {
    const stretch = idlePolls(evidence)
    if (!stretch || stretch.gaps.length < MIN_GAPS) {
      return { verdict: 'unknown', findings: [], note: `the idle stretch saw fewer than ${MIN_GAPS + 1} polls before the scenario deadline` }
    }
    const { gaps } = stretch
    const median = quantile(gaps, 0.5)
    const spread = median > 0 ? (quantile(gaps, 0.75) - quantile(gaps, 0.25)) / median : 0
    const half = Math.floor(gaps.length / 2)
    const growth = mean(gaps.slice(gaps.length - half)) / Math.max(1, mean(gaps.slice(0, half)))
    if (spread >= FIXED_SPREAD || growth >= GROWTH) return { verdict: 'pass', findings: [] }
    const last = stretch.polls.at(-1)
    return {
      verdict: 'fail',
      findings: [
        {
          ...(last ? { seq: last.seq } : {}),
          message: `The worker polled an empty queue at a fixed interval: ${gaps.length} gaps around ${ms(median)} (interquartile spread ${Math.round(spread * 100)}% of the median), neither growing nor jittered.`,
          expected: ['gaps that grow while the queue stays empty (backoff)', `or vary by at least ${FIXED_SPREAD * 100}% of the median (jitter)`],
          actual: `gaps ${gaps.map((gap) => Math.round(gap)).join(', ')} ms`,
        },
      ],
    }
  },
})
