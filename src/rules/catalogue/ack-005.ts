import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { DEFAULT_JOB_LIFE } from '../../service/jobs/job-life-settings.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, describeCall, dispatchesOf } from '../trace-queries.js'

/**
 * The re-dispatch window ACK-005's scenarios give their jobs: a third of the
 * run's job timeout, at least one second. Far above a prompt acknowledgement
 * (a slow worker, such as one calling the AWS CLI, declares a longer job
 * timeout), short enough to see a late one.
 */
export const ack005Window = (jobTimeoutMs: number | undefined): number => Math.max(1000, Math.round((jobTimeoutMs ?? 3000) / 3))

export const ACK_005 = defineRule({
  id: 'ACK-005',
  area: 'acknowledgement',
  level: 'MUST',
  title: 'Acknowledge before the re-dispatch window elapses',
  requirement:
    'A worker MUST acknowledge a job it means to work on before the service re-queues the dispatch (the re-dispatch window, about 30 seconds on AWS), counted from the PollForJobs answer that handed it out.',
  observe: `Queues jobs whose re-dispatch window is a third of the run's job timeout, at least 1000 ms (the fake's redispatchAfterMs setting, per job) and measures, per AcknowledgeJob, the time since the dispatch it answers; an acknowledgement later than the job's window is a violation. The fake then answers it InvalidNonceException, as the dispatch has lapsed.`,
  rationale:
    'A dispatch not acknowledged in time goes back to the queue: the late acknowledgement is refused, the work already begun is wasted, and the job waits for another dispatch, or another worker takes it (Jenkins plugin issue 9: a job acknowledged late timed out).',
  sources: [
    'jenkinsci/aws-codepipeline-plugin commit be113f6 and issue 9 (an unacknowledged job is retried after about 30 s)',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3)',
    'protocol-notes section 7, candidate rule 12 (MUST part)',
  ],
  since: '0.3.0',
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 1 }).map((scenario) => ({
      jobs: scenario.jobs.map((job) => ({ ...job, life: { ...job.life, redispatchAfterMs: ack005Window(context.jobTimeoutMs) } })),
    })),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const window = job?.life?.redispatchAfterMs ?? DEFAULT_JOB_LIFE.redispatchAfterMs
        const dispatches = dispatchesOf(evidence.trace, jobId)
        const acknowledgements = acknowledgementsOf(evidence.trace, jobId)
        const findings = acknowledgements.flatMap((ack) => {
          const dispatch = dispatches.filter((d) => d.seq < ack.seq).at(-1)
          if (!dispatch || ack.at - dispatch.at <= window) return []
          return [
            {
              jobId,
              seq: ack.seq,
              message: `The worker acknowledged job ${jobId} ${Math.round(ack.at - dispatch.at)} ms after its dispatch, later than the ${window} ms re-dispatch window.`,
              expected: [`AcknowledgeJob within ${window} ms of PollForJobs #${dispatch.seq} (at ${Math.round(dispatch.at)} ms)`],
              actual: describeCall(ack),
            },
          ]
        })
        return { exercised: acknowledgements.length > 0, findings }
      },
      'the worker acknowledged no job of this scenario',
    ),
})
