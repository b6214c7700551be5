import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall, dispatchesOf, resultCallsOf } from '../trace-queries.js'
import type { ScenarioJob } from '../../scenarios/scenario.js'

const isBroken = (job: ScenarioJob): boolean => job.inputArtifacts.some((a) => a.content?.kind === 'missing')

export const ERR_003 = defineRule({
  id: 'ERR-003',
  area: 'errors',
  level: 'MUST',
  title: 'A failed job does not stop the worker',
  requirement:
    'A failure in one job MUST NOT stop the worker: after it reports one job as failed, it MUST go on polling and take the jobs queued behind it.',
  observe:
    "Queues a job whose input artifact is missing (its work must fail) ahead of healthy jobs. A healthy job the worker reports after the broken job's first result call shows it alive. For each healthy job that no poll had handed out before that call, the worker must take it (a PollForJobs answer hands it out) before the scenario's deadline; a healthy job left queued is a violation. What the worker then does with it is judged by the other rules.",
  rationale:
    'A worker that exits, or stops its poll loop, when one job fails turns one bad artifact into a stalled pipeline for everyone: every later job waits in the queue until someone notices the worker is gone (the JFrog sample worker re-raises and exits).',
  sources: [
    'protocol-notes section 7, candidate rule 34',
    'aws-samples JFrog Artifactory worker (re-raises a job error and exits); the Java sample worker catches per job and keeps polling',
  ],
  since: '0.3.0',
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'missing' }, { behaviour: normalBehaviour(), inputs: 'present' }], { extraJobs: 1 }),
  check: (evidence) => {
    const broken = evidence.scenario.jobs.filter(isBroken)
    const failedAt = broken
      .flatMap((job) => resultCallsOf(evidence.trace, job.id).slice(0, 1))
      .sort((a, b) => a.seq - b.seq)[0]
    return judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        if (!job || isBroken(job) || !failedAt) return { exercised: false, findings: [] }
        const dispatches = dispatchesOf(evidence.trace, jobId)
        // A job handed out before the failure shows the worker alive only if it reported it after the failure (a worker
        // running jobs side by side); one taken and dropped is ACK-004's, one acknowledged and left unreported RESULT-001's.
        if (dispatches.some((d) => d.seq < failedAt.seq)) return { exercised: resultCallsOf(evidence.trace, jobId).some((r) => r.seq > failedAt.seq), findings: [] }
        if (dispatches.length > 0) return { exercised: true, findings: [] }
        return {
          exercised: true,
          findings: [
            {
              jobId,
              message: `After job ${failedAt.jobId ?? ''} failed, the worker never took job ${jobId}, which was queued behind it.`,
              expected: [`a PollForJobs answer handing out job ${jobId} after ${describeCall(failedAt)}`],
              actual: `job ${jobId} still ${evidence.outcomes.find((o) => o.jobId === jobId)?.status ?? 'Queued'} at the end of the scenario; ${
                evidence.trace.some((e) => e.operation === 'PollForJobs' && e.seq > failedAt.seq) ? 'the worker polled again but never got it' : 'no PollForJobs after the failure'
              }`,
            },
          ],
        }
      },
      'no job of this scenario failed before a healthy job was handed out',
    )
  },
})
