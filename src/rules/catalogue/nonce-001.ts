import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, describeCall, dispatchesOf } from '../trace-queries.js'

export const NONCE_001 = defineRule({
  id: 'NONCE-001',
  area: 'nonce',
  level: 'MUST',
  title: 'Acknowledge with the nonce of that dispatch',
  requirement: 'A worker MUST acknowledge a job with the nonce that the PollForJobs answer which handed it that job carried, unchanged.',
  observe: 'Hands out jobs with generated nonces (short counters and arbitrary printable text up to 50 characters) and compares every AcknowledgeJob nonce with the nonce of the latest dispatch of that job before it. A nonce that an earlier dispatch of the same job carried is judged by NONCE-003.',
  rationale:
    'The nonce proves which dispatch the worker is claiming; a wrong or stale nonce is answered with InvalidNonceException and the job is lost until it times out or is dispatched again.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html',
    'botocore codepipeline 2015-07-09 service model, shape Nonce (1-50 characters)',
  ],
  since: '0.1.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 2 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const dispatches = dispatchesOf(evidence.trace, jobId)
        const acknowledgements = acknowledgementsOf(evidence.trace, jobId)
        const findings = acknowledgements.flatMap((ack) => {
          const before = dispatches.filter((d) => d.seq < ack.seq)
          const dispatch = before.at(-1)
          const sent = (ack.request as { nonce?: unknown } | undefined)?.nonce
          if (dispatch && sent === dispatch.nonce) return []
          // The nonce of an earlier dispatch of this job: a stale claim, NONCE-003's.
          if (before.slice(0, -1).some((d) => d.nonce === sent)) return []
          return [
            {
              jobId,
              seq: ack.seq,
              message: dispatch
                ? `The worker acknowledged job ${jobId} with a nonce other than the one its dispatch carried.`
                : `The worker acknowledged job ${jobId} before any PollForJobs answer had handed it out.`,
              expected: dispatch ? [`nonce ${JSON.stringify(dispatch.nonce)} (from PollForJobs #${dispatch.seq})`] : ['an AcknowledgeJob only after the job was dispatched'],
              actual: `${describeCall(ack)} with nonce ${JSON.stringify(sent)}`,
            },
          ]
        })
        return { exercised: acknowledgements.length > 0, findings }
      },
      'the worker acknowledged no job of this scenario',
    ),
})
