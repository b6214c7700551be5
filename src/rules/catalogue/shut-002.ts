import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import type { Judgement } from '../rule.js'
import { defineRule } from '../rule.js'
import { describeSignal, inFlightAtSignal, stoppingWorker } from '../stop-window.js'
import { describeCall, isResultCall } from '../trace-queries.js'

export const SHUT_002 = defineRule({
  id: 'SHUT-002',
  area: 'shutdown',
  level: 'MUST',
  title: 'On SIGTERM, report every job in flight before exiting',
  requirement:
    'On SIGTERM a worker MUST, before it exits, report a result for every job it has acknowledged and not yet reported: the finished work (PutJobSuccessResult), a failure (PutJobFailureResult, which SHOULD say SystemUnavailable when the work was cut short), or a continuation token when the work survives the worker.',
  observe:
    "Sends SIGTERM the moment the worker's acknowledgement of a job is answered InProgress, so that job is in flight; every job the stopping worker had claimed and not reported by the signal must get a result call (whatever the service answers) before the worker is gone.",
  rationale:
    'An acknowledged job is never dispatched again: if its worker exits without a result, the pipeline waits for the action timeout (24 hours for custom actions). The notes list this as a SHOULD, but the evidence makes it a MUST: a conclusive result is always within reach in the grace period (one PutJobFailureResult, or a continuation token when the work goes on elsewhere), the catalogue already requires a result for every acknowledged job (RESULT-001) and a planned stop is the one exit a worker is told about in advance; the Java sample worker stopping without draining its threads is the bug this rule names.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, steps 5 and 6)',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html (custom action timeout)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_FailureDetails.html (type SystemUnavailable)',
  ],
  since: '0.3.0',
  // Each scenario stops and restarts the worker: a few suffice, since the signal always lands in the rule's situation.
  maxRuns: 4,
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour(), needsInput: true }], { extraJobs: 1 }).map((scenario) => ({
      ...scenario,
      stop: { when: 'acknowledged' as const },
    })),
  check: (evidence): Judgement => {
    const stopping = stoppingWorker(evidence)
    if (!stopping) return { verdict: 'unknown', findings: [], note: 'the signal was never sent: the worker claimed no job of the scenario' }
    const inFlight = inFlightAtSignal(stopping.before)
    if (inFlight.length === 0) return { verdict: 'unknown', findings: [], note: 'no job was in flight when the signal landed' }
    const findings: Finding[] = []
    for (const { jobId, claim } of inFlight) {
      if (stopping.after.some((entry) => entry.jobId === jobId && isResultCall(entry))) continue
      findings.push({
        jobId,
        seq: claim.seq,
        message: `The worker exited after SIGTERM without reporting job ${jobId}, which it had acknowledged: the job waits for its timeout.`,
        expected: ['PutJobSuccessResult (done, or with a continuationToken) or PutJobFailureResult (SystemUnavailable) before exiting'],
        actual: `${describeCall(claim)}, ${describeSignal(stopping.stop)}, exit ${stopping.stop.code ?? stopping.stop.signal} with no result call`,
      })
    }
    return findings.length > 0 ? { verdict: 'fail', findings } : { verdict: 'pass', findings: [] }
  },
})
