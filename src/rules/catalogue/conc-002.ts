import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { limitsOf, scenarioArbitrary, type JobShape } from '../../scenarios/scenario.js'
import type { Judgement } from '../rule.js'
import { defineRule } from '../rule.js'
import { describeCall, isResultCall, isSuccessfulAcknowledgement } from '../trace-queries.js'

/** Queued jobs per unit of declared concurrency: enough that a worker claiming whatever it is handed goes over. */
const JOBS_PER_SLOT = 3
/** The model's maxBatchSize cap: more jobs than one poll can hand out add nothing. */
const MAX_JOBS = 10

export const CONC_002 = defineRule({
  id: 'CONC-002',
  area: 'concurrency',
  level: 'MUST',
  title: 'Never hold more jobs than the declared concurrency',
  requirement:
    'The number of jobs a worker has acknowledged and not yet reported MUST never exceed its declared `concurrency` (worker config, default 1).',
  observe:
    "Queues three jobs per unit of the config's `concurrency` (at most 10) at once and follows the trace: a job is held from its acknowledgement answered InProgress to the worker's first result call for it. An acknowledgement that takes the held count above `concurrency` is a violation.",
  rationale:
    'An acknowledged job is never dispatched again: a worker that claims more than it can work makes those jobs wait in its own queue, possibly until they time out, while other workers sit idle. The default of 1 is what a worker that polls with maxBatchSize 1 and works one job at a time does; a worker that works jobs in parallel declares how many.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 3)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PollForJobs.html (maxBatchSize)',
    'protocol-notes section 7, rule 36: the Java sample sizes its polls by free threads',
  ],
  since: '0.3.0',
  scenario: (context) => {
    const concurrency = limitsOf(context).concurrency
    const shapes: JobShape[] = Array.from({ length: Math.min(MAX_JOBS, JOBS_PER_SLOT * concurrency) }, () => ({ behaviour: normalBehaviour() }))
    return scenarioArbitrary(context, shapes, { extraJobs: 0 }).map((scenario) => ({ ...scenario, concurrency }))
  },
  check: (evidence): Judgement => {
    const limit = evidence.scenario.concurrency ?? 1
    const held = new Map<string, number>()
    let claims = 0
    for (const entry of [...evidence.trace].sort((a, b) => a.seq - b.seq)) {
      if (entry.jobId === undefined) continue
      if (isResultCall(entry)) held.delete(entry.jobId)
      else if (isSuccessfulAcknowledgement(entry) && !held.has(entry.jobId)) {
        claims += 1
        held.set(entry.jobId, entry.seq)
        if (held.size > limit) {
          return {
            verdict: 'fail',
            findings: [
              {
                jobId: entry.jobId,
                seq: entry.seq,
                message: `The worker held ${held.size} acknowledged, unreported jobs at once, more than its concurrency of ${limit}.`,
                expected: [`at most ${limit} job(s) acknowledged and not yet reported at any moment`],
                actual: `${describeCall(entry)} while ${[...held.keys()].filter((id) => id !== entry.jobId).join(', ')} were still unreported`,
              },
            ],
          }
        }
      }
    }
    return claims >= 2 ? { verdict: 'pass', findings: [] } : { verdict: 'unknown', findings: [], note: 'the worker claimed fewer than two jobs of the scenario' }
  },
})
