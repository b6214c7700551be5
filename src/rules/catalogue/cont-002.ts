import { continuationScenario } from '../continuation-scenario.js'
import { acceptedResults, chainOf, tokenOf } from '../continuation-chains.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall } from '../trace-queries.js'

export const CONT_002 = defineRule({
  id: 'CONT-002',
  area: 'continuation',
  level: 'MUST',
  title: 'A continuation chain ends with a result without a token',
  requirement:
    'A worker that answers a job with a continuation token MUST end the chain of continuation jobs with a result that carries no token (a final PutJobSuccessResult or a PutJobFailureResult) before the action execution times out.',
  observe:
    "Queues jobs with the worker config's continuation settings, whose action execution may last one and a half job timeouts (the fake's actionTimeoutMs, per job): a continuation requested after that is not queued. A chain whose last accepted result still carries a token when the action has ended so is a violation; a chain ended by a final success or a failure keeps the rule, and one still running at the scenario deadline is unknown.",
  rationale:
    'Every token makes CodePipeline queue another job; a chain that never ends keeps the action InProgress until the action timeout (24 hours for custom actions) fails the pipeline, however the external work went.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, steps 5 and 6)',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html (custom action timeout)',
    'protocol-notes section 7, candidate rule 25',
  ],
  since: '0.3.0',
  needs: ['continuation'],
  scenario: continuationScenario,
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const chain = chainOf(evidence, jobId)
        const outcome = evidence.outcomes.find((o) => o.jobId === jobId)
        const last = chain.at(-1)
        const final = last ? acceptedResults(last).at(-1) : undefined
        if (chain.length < 2 && (final === undefined || tokenOf(final) === undefined)) return { exercised: false, findings: [] }
        if (!final) return { exercised: false, findings: [] }
        if (tokenOf(final) === undefined) return { exercised: true, findings: [] }
        // The last job's token was accepted but no job followed it and the fake saw the chain settle: the action ended with it open.
        if (outcome?.settledBy !== 'quiescent') return { exercised: false, findings: [] }
        return {
          exercised: true,
          findings: [
            {
              jobId: last?.jobId ?? jobId,
              seq: final.seq,
              message: `The continuation chain of job ${jobId} was still open when its action execution timed out, after ${chain.length} job(s) each answered with a token.`,
              expected: ['a PutJobSuccessResult without continuationToken, or a PutJobFailureResult, before the action times out'],
              actual: `${describeCall(final)} with a continuationToken, as the chain's last result`,
            },
          ],
        }
      },
      'no job of this scenario was answered with a continuation token, or the chain was still running at the scenario deadline',
    ),
})
