import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall, isSuccessfulAcknowledgement, acknowledgementsOf, resultCallsOf } from '../trace-queries.js'

export const TIME_001 = defineRule({
  id: 'TIME-001',
  area: 'timeouts',
  level: 'SHOULD',
  title: 'Give up on hung work before the job times out',
  requirement:
    'A worker SHOULD enforce its own deadline on a job, below the job timeout, and report the job failed before the service times it out when the work hangs.',
  observe:
    "Queues a job whose input download hangs for twice the job timeout (a delay fault on GetObject) and whose job timeout is the run's; the job must get an accepted result before it times out. A job that timed out first (its outcome TimedOut, or its late result refused as InvalidJobStateException) is a violation.",
  rationale:
    'A hung download or external call otherwise holds the job until the timeout (24 hours for custom actions), and the pipeline learns nothing; a failure reported in time names the cause and lets the pipeline be retried at once.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html (custom action timeout)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ActionTypeExecutor.html (jobTimeout per job, 60 to 43200 s)',
    'protocol-notes section 7, candidate rule 26',
  ],
  since: '0.3.0',
  // Each scenario lasts the worker's own deadline (seconds, by design); the hang is the same in every one.
  maxRuns: 3,
  needs: ['artifacts'],
  scenario: (context) => {
    const jobTimeoutMs = context.jobTimeoutMs ?? 3000
    return scenarioArbitrary(context, [{ behaviour: normalBehaviour(), needsInput: true }], { extraJobs: 0 }).map((scenario) => ({
      jobs: scenario.jobs.map((job) => ({
        ...job,
        life: { ...job.life, jobTimeoutMs },
        faults: [{ operations: ['GetObject'], steps: [{ kind: 'delay' as const, ms: 2 * jobTimeoutMs, times: 1 }] }],
      })),
    }))
  },
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const hangs = job?.faults?.some((f) => f.operations.includes('GetObject') && f.steps.some((s) => s.kind === 'delay')) ?? false
        const claim = acknowledgementsOf(evidence.trace, jobId).find(isSuccessfulAcknowledgement)
        if (!hangs || !claim) return { exercised: false, findings: [] }
        const results = resultCallsOf(evidence.trace, jobId).filter((r) => r.seq > claim.seq)
        if (results.some((r) => r.response.status === 200)) return { exercised: true, findings: [] }
        const outcome = evidence.outcomes.find((o) => o.jobId === jobId)
        const late = results.find((r) => r.response.errorType === 'InvalidJobStateException')
        if (outcome?.status !== 'TimedOut' && !late) return { exercised: false, findings: [] }
        return {
          exercised: true,
          findings: [
            {
              jobId,
              seq: late?.seq ?? claim.seq,
              message: `Job ${jobId} timed out while its work hung: the worker reported no result before the job timeout.`,
              expected: ['PutJobFailureResult before the job timeout, from a deadline of the worker\'s own'],
              actual: late ? `${describeCall(late)}, after the job had timed out` : `no result after ${describeCall(claim)}; the job ended TimedOut`,
            },
          ],
        }
      },
      'no hung job of this scenario was claimed, or the scenario deadline passed before the job timed out',
    ),
})
