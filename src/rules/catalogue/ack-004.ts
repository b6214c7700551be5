import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, dispatchesOf, workOn } from '../trace-queries.js'

export const ACK_004 = defineRule({
  id: 'ACK-004',
  area: 'acknowledgement',
  level: 'MUST',
  title: 'Acknowledge every job a poll hands out',
  requirement:
    'A worker MUST acknowledge every job a PollForJobs answer hands it (or drop it only after AcknowledgeJob refused it); it MUST NOT ask for more jobs (maxBatchSize) than it will start.',
  observe:
    'Queues several jobs at once, so a poll with a large maxBatchSize is answered with more than one, and checks that each dispatch of each job is followed by an AcknowledgeJob for that job before the scenario settles. A dispatch the worker never acknowledged, and left alone, is a violation (one it went on to work or report without a claim is for ACK-001 and ACK-003 to judge); how late an acknowledgement came is ACK-005, which nonce it carried NONCE-001 and NONCE-003.',
  rationale:
    'A polled job is Dispatched: no other worker gets it until the re-dispatch window passes, so a job taken and left sits idle for that window (about 30 s) on every poll that over-asks, and a pipeline stalls behind a worker that is busy or gone. Workers that poll maxBatchSize 10 and work one job are a known anti-pattern.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PollForJobs.html (maxBatchSize)',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3)',
    'protocol-notes section 7, candidate rule 4; the Java sample worker sizes its polls by free capacity',
  ],
  since: '0.3.0',
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour() }, { behaviour: normalBehaviour() }, { behaviour: normalBehaviour() }], { extraJobs: 2 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const dispatches = dispatchesOf(evidence.trace, jobId)
        const acknowledgements = acknowledgementsOf(evidence.trace, jobId)
        // Acting on a job without claiming it is ACK-001's and ACK-003's to judge; this rule is about jobs taken and left.
        const actions = workOn(evidence.trace, jobId)
        const actedOn = (from: number, until: number | undefined): boolean => actions.some((call) => call.seq > from && (until === undefined || call.seq < until))
        const findings = dispatches.flatMap((dispatch, index) => {
          const next = dispatches[index + 1]
          const answered = acknowledgements.some((ack) => ack.seq > dispatch.seq && (next === undefined || ack.seq < next.seq))
          // A later acknowledgement of an earlier dispatch is ACK-005's and NONCE-003's to judge.
          const claimedLater = next !== undefined && acknowledgements.some((ack) => ack.seq > next.seq)
          if (answered || claimedLater || actedOn(dispatch.seq, next?.seq)) return []
          return [
            {
              jobId,
              seq: dispatch.seq,
              message: `PollForJobs #${dispatch.seq} handed the worker job ${jobId}, and the worker never acknowledged it.`,
              expected: ['AcknowledgeJob for the job after the poll that handed it out', 'a smaller maxBatchSize, so the poll hands out only jobs the worker will start'],
              actual: `no AcknowledgeJob for the job after PollForJobs #${dispatch.seq} at ${Math.round(dispatch.at)} ms${next ? ` (it was dispatched again by PollForJobs #${next.seq})` : ''}`,
            },
          ]
        })
        return { exercised: dispatches.length > 0, findings }
      },
      'no poll handed out a job of this scenario',
    ),
})
