import fc from 'fast-check'
import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary, type ScenarioContext } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { replicaAttribution } from '../replica-of.js'
import { jobsListed, listedJobId, POLL_OPERATIONS } from '../../service/trace/poll-answer.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, callsFor, describeCall, isResultCall, isSuccessfulAcknowledgement, isWork } from '../trace-queries.js'

/** The job timeout a run gets when its config names none (the worker config's default). */
const DEFAULT_JOB_TIMEOUT_MS = 3000

/**
 * How long the fake may hold the answer to the winning claim of a raced job
 * (it answers as soon as the dispatch has reached every other instance): the
 * claim is made but not yet known to its maker while the others poll. A third
 * of the job timeout (a slow worker polls slowly and declares a long one),
 * from one second to five: the hold ends at the others' polls, so the bound
 * costs only when an instance is slow, as on a loaded CI machine (at 0.5 s
 * the reference was unknown once with four sessions running on two cores).
 */
export const holdMs = (context: ScenarioContext): number => Math.min(5000, Math.max(1000, Math.round((context.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS) / 3)))

export const CONC_001 = defineRule({
  id: 'CONC-001',
  area: 'concurrency',
  level: 'MUST',
  title: 'Replicas on one queue: only the claiming replica works the job',
  requirement:
    'When several instances of a worker poll one queue and one dispatch reaches more than one of them, only the instance whose own AcknowledgeJob was answered InProgress MAY work the job: another instance MUST NOT read or write its artifacts or report a result for it, whatever state it shares with the instance that claimed it. (What an instance does after its own claim is refused is NONCE-002\'s and ACK-002\'s, except touching the artifacts, which is this rule\'s.)',
  observe:
    'Starts one or two more instances of the worker beside the first, each with its own credentials, and hands one dispatch of a job (same nonce) to two or three polls: once the first acknowledgement has claimed it, the next polls get it too (answers that left the service before the claim and arrived after it), and their acknowledgements answer InvalidNonceException. The answer to the winning claim is held until the other instances have been handed the dispatch (a third of the job timeout at most), so they poll while it is claimed. Every call is attributed to its instance: CodePipeline calls by the access key that signed them, S3 calls by the artifact credentials, which each poll answer carries afresh. An S3 or result call for the job by an instance that never acknowledged it, or an S3 call after its own acknowledgement was refused, while another instance holds the job, is a violation.',
  rationale:
    'Workers run as several replicas for capacity and availability, and AWS may hand one dispatch to more than one poll: the nonce is what makes exactly one of them the owner. An instance that decides by other means that a job is its own (a claims file or cache shared by the replicas on a host, a lock that assumes the first poll wins) works a job another instance holds: the work runs twice, artifacts are overwritten, and the second result fails or overrides the first. The service cannot tell replicas apart; only the nonce can.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3: InvalidNonceException when another worker claimed the job)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeJob.html (nonce: "used to confirm that the job worker has received the specified job")',
    'protocol-notes section 6, open question 1 (one dispatch to two workers) and section 7, rule 14',
  ],
  since: '0.5.0',
  needs: ['replicas'],
  // Each scenario starts one or two more worker instances (1 to 2.5 s on a 2-core machine) and holds a result:
  // the situation is the same in every scenario, so one or two suffice (decision 0014).
  maxRuns: 2,
  scenario: (context) =>
    fc
      // Mostly two instances: a third costs another start (0.6 to 1 s on 2 cores) for the same situation, with one more loser.
      .tuple(fc.oneof({ weight: 3, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constant(3) }), scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 0 }))
      .map(([replicas, scenario]) => ({
        ...scenario,
        replicas,
        jobs: scenario.jobs.map((job) => ({ ...job, race: { polls: replicas, holdMs: holdMs(context) } })),
      })),
  check: (evidence) => {
    const record = evidence.events?.replicas
    if (record === undefined) return { verdict: 'unknown', findings: [], note: 'the scenario ran one instance of the worker' }
    const replicaOf = replicaAttribution(evidence.trace, record, evidence.scenario.jobs.map((job) => job.id))
    return judgeEachJob(
      evidence,
      (jobId) => {
        const handedTo = new Set(
          evidence.trace
            .filter((entry) => POLL_OPERATIONS.has(entry.operation) && jobsListed(entry).some((job) => listedJobId(job) === jobId))
            .map(replicaOf)
            .filter((replica) => replica !== undefined),
        )
        const claim = acknowledgementsOf(evidence.trace, jobId).find(isSuccessfulAcknowledgement)
        const holder = claim === undefined ? undefined : replicaOf(claim)
        if (claim === undefined || holder === undefined || handedTo.size < 2) return { exercised: false, findings: [] }
        const findings: Finding[] = []
        for (const call of callsFor(evidence.trace, jobId)) {
          const replica = replicaOf(call)
          if (call.seq < claim.seq || replica === undefined || replica === holder || !isWork(call)) continue
          const own = acknowledgementsOf(evidence.trace, jobId).filter((ack) => replicaOf(ack) === replica)
          const refused = own.find((ack) => ack.seq < call.seq && !isSuccessfulAcknowledgement(ack))
          // Calls before its own claim are ACK-001's and ACK-003's; a result after its own refused claim is NONCE-002's or ACK-002's.
          if (own.length > 0 && (refused === undefined || isResultCall(call))) continue
          const what = call.service === 's3' ? `accessed the artifacts of job ${jobId} (${call.operation})` : `reported a result for job ${jobId}`
          const why = refused !== undefined ? `after its own AcknowledgeJob #${refused.seq} was refused` : 'though it never acknowledged the job'
          findings.push({
            jobId,
            seq: call.seq,
            message: `Replica ${holder} holds job ${jobId} (its AcknowledgeJob #${claim.seq} was answered InProgress), but replica ${replica} ${what} ${why}.`,
            expected: [`only replica ${holder}, whose claim was answered InProgress, works and reports the job; replica ${replica} drops it`],
            actual: `${describeCall(call)}, signed by replica ${replica} (${call.service === 's3' ? 'artifact credentials handed to it' : 'its worker key'}, ${call.accessKeyId ?? ''})`,
          })
        }
        return { exercised: true, findings }
      },
      'no dispatch reached two instances while one of them held the job',
    )
  },
})
