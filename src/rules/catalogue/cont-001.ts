import type { Finding } from '../../report/results.js'
import { continuationScenario } from '../continuation-scenario.js'
import { acceptedResults, chainOf, externalExecutionIdOf } from '../continuation-chains.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall, dispatchesOf, isResultCall, isSuccessfulAcknowledgement } from '../trace-queries.js'

export const CONT_001 = defineRule({
  id: 'CONT-001',
  area: 'continuation',
  level: 'MUST',
  title: 'A job carrying a continuation token continues the same work',
  requirement:
    'A worker MUST handle a job whose data carries a continuationToken as a continuation of the same action execution: it MUST claim that job with the nonce of its own dispatch before reporting it, and MUST resume the external work the token names, never start it again.',
  observe:
    "Queues jobs with the worker config's continuation settings merged into their action configuration, so the worker answers with continuation tokens and the fake queues continuation jobs. For every continuation job a result not preceded by an AcknowledgeJob answered InProgress with that job's own dispatch nonce is a violation, and so is an externalExecutionId that changes along the chain (the external work was started again).",
  rationale:
    "A continuation job is a new job of the same action execution: it has its own nonce and must be claimed like any other, while the work it checks on already runs. Starting it again duplicates the external work (two builds, two deployments) and the console's execution link no longer points at what the action reports.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 5: continuation token)',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-invoke-lambda-function.html (continue_job_later: the next invocation checks the same stack)',
    'protocol-notes section 7, candidate rule 24',
  ],
  since: '0.3.0',
  needs: ['continuation'],
  scenario: continuationScenario,
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const chain = chainOf(evidence, jobId)
        const findings: Finding[] = []
        let exercised = false
        for (const link of chain.slice(1)) {
          const result = link.calls.find(isResultCall)
          if (!result) continue
          exercised = true
          const dispatches = dispatchesOf(evidence.trace, link.jobId)
          const claimed = link.calls.some((call) => {
            if (call.seq > result.seq || !isSuccessfulAcknowledgement(call)) return false
            const dispatch = dispatches.filter((d) => d.seq < call.seq).at(-1)
            return dispatch !== undefined && (call.request as { nonce?: unknown } | undefined)?.nonce === dispatch.nonce
          })
          if (!claimed) {
            findings.push({
              jobId: link.jobId,
              seq: result.seq,
              message: `The worker reported continuation job ${link.jobId} (of job ${jobId}) without claiming it with the nonce of its own dispatch.`,
              expected: ["AcknowledgeJob with the continuation job's own nonce, answered InProgress, before its result"],
              actual: describeCall(result),
            })
          }
        }
        const reported = chain.flatMap((link) => acceptedResults(link).map((call) => ({ link, call, id: externalExecutionIdOf(call) })))
        const first = reported.find((r) => r.id !== undefined)
        const changed = first ? reported.find((r) => r.id !== undefined && r.id !== first.id) : undefined
        if (first && changed) {
          findings.push({
            jobId: changed.link.jobId,
            seq: changed.call.seq,
            message: `The worker started the external work of job ${jobId} again on a continuation job: its externalExecutionId changed along the chain.`,
            expected: [`externalExecutionId ${JSON.stringify(first.id)} (reported by ${describeCall(first.call)}) on every result of the chain`],
            actual: `${describeCall(changed.call)} with externalExecutionId ${JSON.stringify(changed.id)}`,
          })
        }
        return { exercised, findings }
      },
      'no continuation job of this scenario was reported (the worker returned no continuation token, or the chain was still open at the deadline)',
    ),
})
