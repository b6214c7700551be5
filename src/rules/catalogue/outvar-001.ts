import fc from 'fast-check'
import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { DEFAULT_JOB_LIFE } from '../../service/jobs/job-life-settings.js'
import { outputVariablesBytes } from '../../service/codepipeline/operations/output-variables.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { callsFor, describeCall } from '../trace-queries.js'

const KEY = /^[A-Za-z0-9@\-_]+$/u

export const OUTVAR_001 = defineRule({
  id: 'OUTVAR-001',
  area: 'results',
  level: 'MUST',
  title: 'Output variables: never with a token, valid keys, within the quota',
  requirement:
    'A worker MUST NOT send outputVariables together with a continuationToken, MUST use keys matching [A-Za-z0-9@\\-_]+, MUST keep them within 122,880 bytes in all, and after OutputVariablesSizeExceededException MUST report the job failed rather than send the success again.',
  observe:
    "Queues jobs, some with the fake's output-variable cap lowered (outputVariablesMaxBytes of 1 or 16 bytes) so that any variables the worker sends are refused with OutputVariablesSizeExceededException; checks every PutJobSuccessResult body (token and variables together, key pattern, total size against AWS's 122,880 bytes for jobs with the default cap) and that a refused success is followed by PutJobFailureResult, not another PutJobSuccessResult. A worker that sends no output variables keeps the rule.",
  rationale:
    'The service refuses each of these requests, so the result is lost and the job waits for its timeout; resending a success the service refused for its size loops or, stripped of its variables, reports a success whose outputs downstream actions will not find.',
  sources: [
    'botocore codepipeline 2015-07-09 service model, PutJobSuccessResultInput.outputVariables and OutputVariablesKey',
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html (variable quotas: 122,880 bytes)',
    'protocol-notes section 7, candidate rule 20',
  ],
  since: '0.3.0',
  needs: ['output-variables'],
  scenario: (context) =>
    fc.tuple(scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 2 }), fc.array(fc.option(fc.constantFrom(1, 16), { nil: undefined }), { minLength: 3, maxLength: 3 })).map(
      ([scenario, caps]) => ({
        jobs: scenario.jobs.map((job, index) => {
          const cap = index === 0 ? (caps[0] ?? 1) : caps[index]
          return cap === undefined ? job : { ...job, life: { ...job.life, outputVariablesMaxBytes: cap } }
        }),
      }),
    ),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const lowered = (job?.life?.outputVariablesMaxBytes ?? DEFAULT_JOB_LIFE.outputVariablesMaxBytes) < DEFAULT_JOB_LIFE.outputVariablesMaxBytes
        const results = callsFor(evidence.trace, jobId).filter((call) => call.operation === 'PutJobSuccessResult' || call.operation === 'PutJobFailureResult')
        const findings: Finding[] = []
        const flag = (seq: number, message: string, expected: string, actual: string): void => {
          findings.push({ jobId, seq, message, expected: [expected], actual })
        }
        for (const call of results.filter((c) => c.operation === 'PutJobSuccessResult')) {
          const request = (call.request ?? {}) as { outputVariables?: Record<string, unknown>; continuationToken?: unknown }
          const variables = request.outputVariables
          if (variables === undefined) continue
          if (request.continuationToken !== undefined) {
            flag(call.seq, `The worker sent output variables together with a continuation token for job ${jobId}.`, 'outputVariables only on the final result, which has no continuationToken', describeCall(call))
          }
          const badKeys = Object.keys(variables).filter((key) => !KEY.test(key))
          if (badKeys.length > 0) {
            flag(call.seq, `The worker sent output variable keys outside [A-Za-z0-9@\\-_]+ for job ${jobId}.`, 'keys of letters, digits, @, - and _ only', `${describeCall(call)} with keys ${JSON.stringify(badKeys)}`)
          }
          const bytes = outputVariablesBytes(variables)
          if (!lowered && bytes > DEFAULT_JOB_LIFE.outputVariablesMaxBytes) {
            flag(call.seq, `The worker sent ${bytes} bytes of output variables for job ${jobId}, over the 122,880-byte quota.`, 'at most 122,880 bytes of keys and values in all', describeCall(call))
          }
        }
        const refused = results.find((call) => call.response.errorType === 'OutputVariablesSizeExceededException')
        const next = refused ? results.find((call) => call.seq > refused.seq) : undefined
        if (refused && next?.operation === 'PutJobSuccessResult') {
          flag(next.seq, `The worker sent a success for job ${jobId} again after the service refused its output variables as too large.`, 'PutJobFailureResult after OutputVariablesSizeExceededException', `${describeCall(next)}, after ${describeCall(refused)}`)
        }
        return { exercised: results.some((c) => c.operation === 'PutJobSuccessResult'), findings }
      },
      'the worker reported no success in this scenario',
    ),
})
