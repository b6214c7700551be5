import fc from 'fast-check'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, describeCall, dispatchesOf } from '../trace-queries.js'

export const NONCE_003 = defineRule({
  id: 'NONCE-003',
  area: 'nonce',
  level: 'MUST',
  title: 'A re-dispatched job is claimed with its new nonce',
  requirement:
    'A worker MUST acknowledge a job with the nonce of its latest dispatch: once a job has been dispatched again, a nonce from an earlier dispatch of that job MUST NOT be sent.',
  observe:
    "Queues jobs whose first dispatch goes back to the queue (AcknowledgeJob answers Queued, and the fake dispatches the job again with a new nonce), beside ordinary jobs; an AcknowledgeJob carrying the nonce of an earlier dispatch of the same job, after a later one, is a violation. A nonce no dispatch of the job carried is NONCE-001's.",
  rationale:
    'Each dispatch is a new claim; the old nonce proves only a claim that has lapsed. A worker that caches nonces by job id loses every re-dispatched job to InvalidNonceException, and the job waits for yet another dispatch or its timeout.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html',
    'jenkinsci/aws-codepipeline-plugin commit be113f6 (an unacknowledged job is retried after about 30 s)',
    'protocol-notes section 7, candidate rule 11',
  ],
  since: '0.3.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: fc.constant({ kind: 'ack-status', status: 'Queued' } as const) }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const dispatches = dispatchesOf(evidence.trace, jobId)
        let exercised = false
        const findings = acknowledgementsOf(evidence.trace, jobId).flatMap((ack) => {
          const before = dispatches.filter((d) => d.seq < ack.seq)
          const latest = before.at(-1)
          if (!latest || before.length < 2) return []
          exercised = true
          const sent = (ack.request as { nonce?: unknown } | undefined)?.nonce
          const earlier = before.slice(0, -1).find((d) => d.nonce === sent && d.nonce !== latest.nonce)
          if (!earlier) return []
          return [
            {
              jobId,
              seq: ack.seq,
              message: `The worker acknowledged re-dispatched job ${jobId} with the nonce of an earlier dispatch.`,
              expected: [`nonce ${JSON.stringify(latest.nonce)} (from PollForJobs #${latest.seq}, the latest dispatch)`],
              actual: `${describeCall(ack)} with nonce ${JSON.stringify(sent)}, from PollForJobs #${earlier.seq}`,
            },
          ]
        })
        return { exercised, findings }
      },
      'no job of this scenario was acknowledged after being dispatched a second time',
    ),
})
