import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { callsFor, describeCall } from '../trace-queries.js'

/** botocore codepipeline 2015-07-09, shape FailureType. */
export const FAILURE_TYPES = ['JobFailed', 'ConfigurationError', 'PermissionError', 'RevisionOutOfSync', 'RevisionUnavailable', 'SystemUnavailable']

/** Smithy length constraints count Unicode code points, not UTF-16 units. */
const length = (value: string): number => [...value].length

function problemsOf(details: unknown): string[] {
  if (typeof details !== 'object' || details === null) return ['failureDetails is missing (it is required)']
  const { type, message, externalExecutionId } = details as Record<string, unknown>
  const problems: string[] = []
  if (typeof type !== 'string' || !FAILURE_TYPES.includes(type))
    problems.push(`failureDetails.type is ${JSON.stringify(type)}, not one of ${FAILURE_TYPES.join(', ')}`)
  if (typeof message !== 'string') problems.push('failureDetails.message is missing (it is required)')
  else if (length(message) < 1 || length(message) > 5000)
    problems.push(`failureDetails.message has ${length(message)} characters, outside 1 to 5000`)
  if (externalExecutionId !== undefined && (typeof externalExecutionId !== 'string' || length(externalExecutionId) < 1 || length(externalExecutionId) > 1500))
    problems.push('failureDetails.externalExecutionId is outside 1 to 1500 characters')
  return problems
}

export const RESULT_002 = defineRule({
  id: 'RESULT-002',
  area: 'results',
  level: 'MUST',
  title: 'Failure details valid under the API model',
  requirement:
    'A worker MUST send failureDetails that the API model accepts: a type from the FailureType enum and a message of 1 to 5000 characters (truncated, never empty), with an externalExecutionId of 1 to 1500 characters when present.',
  observe: 'Queues jobs whose input artifacts are missing from S3, so a worker that reads its inputs must report a failure, and checks every PutJobFailureResult body against the model.',
  rationale:
    'The service answers an invalid failure with ValidationException, so the failure is never recorded and the job stays open until it times out; long error texts and stack traces are the usual cause.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_FailureDetails.html',
    'botocore codepipeline 2015-07-09 service model, shapes FailureDetails, FailureType, Message',
  ],
  since: '0.1.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'missing' }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const failures = callsFor(evidence.trace, jobId).filter((c) => c.operation === 'PutJobFailureResult')
        const findings: Finding[] = failures.flatMap((call) => {
          const problems = problemsOf((call.request as { failureDetails?: unknown } | undefined)?.failureDetails)
          if (problems.length === 0) return []
          return [
            {
              jobId,
              seq: call.seq,
              message: `The worker's failure report for job ${jobId} is not valid under the API model: ${problems.join('; ')}.`,
              expected: [`failureDetails.type in {${FAILURE_TYPES.join(', ')}}`, 'failureDetails.message of 1 to 5000 characters'],
              actual: describeCall(call),
            },
          ]
        })
        return { exercised: failures.length > 0, findings }
      },
      'the worker reported no failure in this scenario',
    ),
})
