import { anyBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgedStatus, acknowledgementsOf, describeCall, dispatchesOf, isSuccessfulAcknowledgement, resultCallsOf, s3CallsFor, s3ObjectOf } from '../trace-queries.js'
import type { TraceEntry } from '../../service/trace/trace-entry.js'

/**
 * How ACK-003 sees one S3 call: fine when the dispatch it belongs to (the
 * latest before it) was acknowledged InProgress before it; ACK-002's when that
 * dispatch's acknowledgement answered another status; otherwise too early, and why.
 */
function judgeCall(call: TraceEntry, acknowledgements: readonly TraceEntry[], dispatches: readonly { seq: number }[]): 'claimed' | 'ACK-002' | { early: string } {
  const dispatch = dispatches.filter((d) => d.seq < call.seq).at(-1)
  const before = acknowledgements.filter((ack) => ack.seq < call.seq && (!dispatch || ack.seq > dispatch.seq))
  if (before.some(isSuccessfulAcknowledgement)) return 'claimed'
  if (before.some((ack) => acknowledgedStatus(ack) !== undefined)) return 'ACK-002'
  const last = before.at(-1)
  return { early: last ? `after ${describeCall(last)}` : `before any AcknowledgeJob call${dispatch ? ` for the dispatch of PollForJobs #${dispatch.seq}` : ''}` }
}

export const ACK_003 = defineRule({
  id: 'ACK-003',
  area: 'acknowledgement',
  level: 'MUST',
  title: 'Acknowledge before touching artifacts',
  requirement:
    "A worker MUST NOT read or write a job's artifacts (any S3 call for the job's keys) before AcknowledgeJob has answered InProgress for that job.",
  observe:
    "Queues jobs with input artifacts (some stolen, some answered another status or sent back to the queue) and orders every S3 call per job against the acknowledgements of the dispatch it belongs to; an S3 call for the job's keys with no acknowledgement of that dispatch answered InProgress before it is a violation. Access after an acknowledgement answered another status is judged by ACK-002, and a job never acknowledged but reported by ACK-001.",
  rationale:
    'Until the acknowledgement answers InProgress the job may belong to another worker (the dispatch can be lost to a rival or re-dispatched), so a prefetch reads artifacts for work this worker may never own and, for outputs, can overwrite the real owner\'s.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow: acknowledge in step 3, artifacts in step 4)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html',
    'jenkinsci/aws-codepipeline-plugin commit be113f6 (acknowledge at build start, before any download)',
  ],
  since: '0.2.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: anyBehaviour(), needsInput: true }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const acknowledgements = acknowledgementsOf(evidence.trace, jobId)
        // A job never acknowledged but reported lacks its claim altogether: one bug, ACK-001's.
        if (acknowledgements.length === 0 && resultCallsOf(evidence.trace, jobId).length > 0) return { exercised: false, findings: [] }
        const dispatches = dispatchesOf(evidence.trace, jobId)
        const judged = s3CallsFor(evidence.trace, jobId)
          .map((call) => ({ call, verdict: judgeCall(call, acknowledgements, dispatches) }))
          .filter(({ verdict }) => verdict !== 'ACK-002')
        const findings = judged.flatMap(({ call, verdict }) => {
          if (typeof verdict === 'string') return []
          const { bucket, key } = s3ObjectOf(call)
          return [
            {
              jobId,
              seq: call.seq,
              message: `The worker accessed an artifact of job ${jobId} before AcknowledgeJob had answered InProgress for it.`,
              expected: ["AcknowledgeJob answering InProgress before any S3 call for the job's artifacts"],
              actual: `${describeCall(call)} on s3://${bucket}/${key}, ${verdict.early}`,
            },
          ]
        })
        return { exercised: judged.length > 0, findings }
      },
      "the worker made no S3 call for an acknowledged job's artifacts in this scenario",
    ),
})
