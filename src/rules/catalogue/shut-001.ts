import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import type { Judgement } from '../rule.js'
import { defineRule } from '../rule.js'
import { describeSignal, stoppingWorker } from '../stop-window.js'
import { describeCall, dispatchesOf } from '../trace-queries.js'

/** One poll may already be on the wire when the signal lands; a second one was started after it. */
const ON_THE_WIRE = 1

export const SHUT_001 = defineRule({
  id: 'SHUT-001',
  area: 'shutdown',
  level: 'MUST',
  title: 'On SIGTERM, stop polling and claiming, and exit within the grace period',
  requirement:
    'On SIGTERM (or SIGINT) a worker MUST stop polling and acknowledging jobs at once, and MUST exit within its `shutdownGraceMs`.',
  observe:
    "Queues two or more jobs and sends SIGTERM the moment the worker's acknowledgement of one is answered InProgress (mid-job); the worker is restarted afterwards for what follows. More than one PollForJobs from the stopping worker after the signal (one may already have been on the wire), an AcknowledgeJob for a job a poll handed it after the signal (claims of jobs polled before it may already be on their way), or a worker still running when `shutdownGraceMs` ran out (it had to be killed), is a violation.",
  rationale:
    'Deployments, scale-in and spot reclaims stop workers with SIGTERM and a grace period. A worker that goes on polling claims new jobs it cannot finish: they are acknowledged, so they are not dispatched again, and they sit until the action times out. One that outlives the grace is killed mid-work, with the same result.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow)',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-considerations.html (SIGTERM then SIGKILL after stopTimeout)',
    'protocol-notes section 7, rule 37: the Java sample worker stop() never drains its job threads',
  ],
  since: '0.3.0',
  // Each scenario stops and restarts the worker: a few suffice, since the signal always lands in the rule's situation.
  maxRuns: 4,
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour() }, { behaviour: normalBehaviour() }], { extraJobs: 1 }).map((scenario) => ({
      ...scenario,
      stop: { when: 'acknowledged' as const },
    })),
  check: (evidence): Judgement => {
    const stopping = stoppingWorker(evidence)
    if (!stopping) return { verdict: 'unknown', findings: [], note: 'the signal was never sent: the worker claimed no job of the scenario' }
    const { stop, after } = stopping
    const findings: Finding[] = []
    const polls = after.filter((entry) => entry.operation === 'PollForJobs')
    const late = polls[ON_THE_WIRE]
    if (late) {
      findings.push({
        seq: late.seq,
        message: `The worker went on polling after SIGTERM: ${polls.length} PollForJobs call(s) before it exited.`,
        expected: ['no PollForJobs started after the signal (at most one already on the wire)'],
        actual: `${describeSignal(stop)}, then ${polls.map(describeCall).join('; ')}`,
      })
    }
    const newClaims = after.filter(
      (entry) => entry.operation === 'AcknowledgeJob' && entry.jobId !== undefined && dispatchesOf(after, entry.jobId).some((d) => d.seq < entry.seq),
    )
    const claim = newClaims[0]
    if (claim?.jobId !== undefined) {
      findings.push({
        jobId: claim.jobId,
        seq: claim.seq,
        message: `The worker claimed job ${claim.jobId} after SIGTERM, from a poll it made after the signal.`,
        expected: ['no new claim after the signal'],
        actual: `${describeSignal(stop)}, then ${newClaims.map(describeCall).join('; ')}`,
      })
    }
    if (stop.killed) {
      findings.push({
        message: `The worker was still running ${stop.graceMs} ms after SIGTERM (shutdownGraceMs) and had to be killed.`,
        expected: [`exit within ${stop.graceMs} ms of SIGTERM`],
        actual: `${describeSignal(stop)}; SIGKILL after ${stop.graceMs} ms`,
      })
    }
    return findings.length > 0 ? { verdict: 'fail', findings } : { verdict: 'pass', findings: [] }
  },
})
