import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import type { Judgement } from '../rule.js'
import { defineRule } from '../rule.js'
import { describeSignal, stoppingWorker } from '../stop-window.js'
import { describeCall, dispatchesOf, isResultCall } from '../trace-queries.js'

export const SHUT_003 = defineRule({
  id: 'SHUT-003',
  area: 'shutdown',
  level: 'MUST',
  title: 'On SIGTERM, leave jobs polled but not claimed alone',
  requirement:
    'A worker shutting down MUST NOT report a result for a job it polled but never acknowledged: that job is not its own, and the service will dispatch it again.',
  observe:
    "Sends SIGTERM the moment a poll hands out one of the scenario's jobs, before the worker can claim it; any result call the stopping worker makes for a job it polled and never acknowledged is a violation.",
  rationale:
    'Results need ownership, and only a successful acknowledgement gives it. A worker that "hands back" the jobs in its batch by failing them fails a job that is not its own: the service refuses it at best, and at worst, once the job has been dispatched again, fails the run another worker is doing.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html',
  ],
  since: '0.3.0',
  // Each scenario stops and restarts the worker: a few suffice, since the signal always lands in the rule's situation.
  maxRuns: 4,
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 1 }).map((scenario) => ({ ...scenario, stop: { when: 'dispatched' as const } })),
  check: (evidence): Judgement => {
    const stopping = stoppingWorker(evidence)
    if (!stopping) return { verdict: 'unknown', findings: [], note: 'the signal was never sent: no poll handed out a job of the scenario' }
    const own = [...stopping.before, ...stopping.after]
    const findings: Finding[] = []
    let exercised = false
    for (const job of evidence.scenario.jobs) {
      const handedOut = dispatchesOf(own, job.id).length > 0
      const claimed = own.some((entry) => entry.jobId === job.id && entry.operation === 'AcknowledgeJob')
      if (!handedOut || claimed) continue
      exercised = true
      const reports = own.filter((entry) => entry.jobId === job.id && isResultCall(entry))
      const first = reports[0]
      if (!first) continue
      findings.push({
        jobId: job.id,
        seq: first.seq,
        message: `The worker reported job ${job.id} while shutting down, though it had only polled it and never acknowledged it.`,
        expected: ['no result call for a job the worker never acknowledged: leave it to be dispatched again'],
        actual: `${describeSignal(stopping.stop)}, then ${reports.map(describeCall).join('; ')}`,
      })
    }
    if (findings.length > 0) return { verdict: 'fail', findings }
    return exercised ? { verdict: 'pass', findings: [] } : { verdict: 'unknown', findings: [], note: 'the stopping worker had claimed every job it polled' }
  },
})
