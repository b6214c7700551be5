import type { Finding } from '../../report/results.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall, resultCallsOf } from '../trace-queries.js'

const present = (value: unknown): boolean => typeof value === 'string' && value.length > 0

export const RESULT_005 = defineRule({
  id: 'RESULT-005',
  area: 'results',
  level: 'SHOULD',
  title: 'Report externalExecutionId and a summary',
  requirement:
    'A worker SHOULD report an externalExecutionId and a summary with every success (executionDetails) and an externalExecutionId with every failure (failureDetails), so the console can link and describe the execution.',
  observe:
    'Queues ordinary jobs, some with a missing input so that both outcomes occur, and reads every PutJobSuccessResult and PutJobFailureResult body: a success without executionDetails.summary or executionDetails.externalExecutionId, or a failure without failureDetails.externalExecutionId, is a violation.',
  rationale:
    "The console shows the summary and turns the externalExecutionId into the execution's link; without them an operator sees only that the action ran, not what it did or where to look. The user guide calls reporting them a best practice.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html (job worker workflow, step 5)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ExecutionDetails.html',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_FailureDetails.html',
  ],
  since: '0.3.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'any' }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const results = resultCallsOf(evidence.trace, jobId)
        const findings: Finding[] = []
        for (const call of results) {
          const request = (call.request ?? {}) as { executionDetails?: Record<string, unknown>; failureDetails?: Record<string, unknown> }
          const missing =
            call.operation === 'PutJobSuccessResult'
              ? [
                  ...(present(request.executionDetails?.summary) ? [] : ['executionDetails.summary']),
                  ...(present(request.executionDetails?.externalExecutionId) ? [] : ['executionDetails.externalExecutionId']),
                ]
              : present(request.failureDetails?.externalExecutionId)
                ? []
                : ['failureDetails.externalExecutionId']
          if (missing.length === 0) continue
          findings.push({
            jobId,
            seq: call.seq,
            message: `The worker reported job ${jobId} without ${missing.join(' and ')}.`,
            expected: missing.map((member) => `${member} present and not empty`),
            actual: describeCall(call),
          })
        }
        return { exercised: results.length > 0, findings }
      },
      'the worker reported no job of this scenario',
    ),
})
