import { ackStatusBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgedStatus, acknowledgementsOf, callsFor, describeCall, dispatchesOf, isResultCall, isSuccessfulAcknowledgement } from '../trace-queries.js'

export const ACK_002 = defineRule({
  id: 'ACK-002',
  area: 'acknowledgement',
  level: 'MUST',
  title: 'Go on only when the acknowledgement answers InProgress',
  requirement:
    'When AcknowledgeJob answers a status other than InProgress, a worker MUST drop the job: it MUST NOT read or write the job\'s artifacts or report a result for it.',
  observe: 'Answers AcknowledgeJob with TimedOut, Succeeded, Failed, Queued, Dispatched or Created (and puts the job in that status); any later artifact access or result call for the job is a violation.',
  rationale:
    'Only InProgress means the worker now owns the job; any other status means the job timed out, finished, or went back to the queue for another dispatch, so working on it wastes effort and reporting on it interferes with its real state.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html',
  ],
  since: '0.1.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: ackStatusBehaviour() }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const calls = callsFor(evidence.trace, jobId)
        const refused = acknowledgementsOf(evidence.trace, jobId).find((ack) => {
          const status = acknowledgedStatus(ack)
          return status !== undefined && status !== 'InProgress'
        })
        if (!refused) return { exercised: false, findings: [] }
        const status = acknowledgedStatus(refused)
        // A job answered Queued or Dispatched comes back with a new dispatch; claiming that one is a fresh start.
        const reclaimed = calls.find((call) => call.seq > refused.seq && isSuccessfulAcknowledgement(call))
        // Artifact access after the job was dispatched again belongs to that new dispatch: ACK-003 judges it.
        const redispatched = dispatchesOf(evidence.trace, jobId).find((d) => d.seq > refused.seq)
        const findings = calls
          .filter((call) => call.seq > refused.seq && (!reclaimed || call.seq < reclaimed.seq))
          .filter((call) => isResultCall(call) || (call.service === 's3' && (!redispatched || call.seq < redispatched.seq)))
          .map((call) => ({
            jobId,
            seq: call.seq,
            message: `AcknowledgeJob answered status ${status} for job ${jobId}, but the worker went on with the job.`,
            expected: ['no artifact access and no result call for the job after a non-InProgress acknowledgement'],
            actual: describeCall(call),
          }))
        return { exercised: true, findings }
      },
      'no acknowledgement in this scenario answered a status other than InProgress',
    ),
})
