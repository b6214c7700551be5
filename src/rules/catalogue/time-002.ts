import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { callsFor, describeCall, isResultCall, s3CallsFor } from '../trace-queries.js'

export const TIME_002 = defineRule({
  id: 'TIME-002',
  area: 'timeouts',
  level: 'MUST',
  title: 'Refresh expired artifact credentials through GetJobDetails',
  requirement:
    "When S3 answers ExpiredToken for a job's artifact credentials, a worker MUST obtain fresh credentials with GetJobDetails and retry the artifact access with them; it MUST NOT use the expired credentials again, nor report the job without having retried.",
  observe:
    "Queues jobs with input artifacts whose dispatch carries credentials that have already expired when used (the fake's credentialsAtDispatch: 'expired'; GetJobDetails hands out fresh ones). After S3 answers ExpiredToken, an S3 call signed with the expired key, a result reported with no GetJobDetails after the expiry, or a result reported after GetJobDetails with no S3 call using the fresh credentials is a violation.",
  rationale:
    'Artifact credentials are short-lived STS credentials and a long job outlives them; GetJobDetails exists so a job can continue with new ones. A worker that fails the job instead fails a healthy pipeline run at random, depending on how long the work took.',
  sources: [
    'botocore codepipeline 2015-07-09 service model, GetJobDetails documentation ("to obtain new credentials")',
    'jenkinsci/aws-codepipeline-plugin commit b49efb4 (refreshes the job credentials every 14 minutes through GetJobDetails)',
    'protocol-notes section 7, candidate rule 27',
  ],
  since: '0.3.0',
  needs: ['artifacts'],
  scenario: (context) =>
    scenarioArbitrary(context, [{ behaviour: normalBehaviour(), needsInput: true }], { extraJobs: 1 }).map((scenario) => ({
      jobs: scenario.jobs.map((job, index) => (index === 0 ? { ...job, credentialsAtDispatch: 'expired' as const } : job)),
    })),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const calls = callsFor(evidence.trace, jobId)
        const expiry = s3CallsFor(evidence.trace, jobId).find((call) => call.response.errorType === 'ExpiredToken')
        if (!expiry) return { exercised: false, findings: [] }
        const after = calls.filter((call) => call.seq > expiry.seq)
        const refresh = after.find((call) => call.operation === 'GetJobDetails' && call.response.status === 200)
        const result = after.find(isResultCall)
        const findings: Finding[] = []
        for (const again of after.filter((call) => call.service === 's3' && call.accessKeyId === expiry.accessKeyId)) {
          findings.push({
            jobId,
            seq: again.seq,
            message: `The worker used the artifact credentials of job ${jobId} again after S3 had answered ExpiredToken for them.`,
            expected: ['GetJobDetails, then the S3 call again with the fresh credentials it hands out'],
            actual: `${describeCall(again)} signed with ${again.accessKeyId ?? 'no key'}, after ${describeCall(expiry)}`,
          })
        }
        if (result && (!refresh || refresh.seq > result.seq)) {
          findings.push({
            jobId,
            seq: result.seq,
            message: `The worker reported job ${jobId} after its artifact credentials expired, without asking GetJobDetails for fresh ones.`,
            expected: ['GetJobDetails after the ExpiredToken answer, then the artifact access again'],
            actual: `${describeCall(result)}, after ${describeCall(expiry)}`,
          })
        } else if (result && refresh && !after.some((call) => call.service === 's3' && call.seq > refresh.seq && call.seq < result.seq)) {
          findings.push({
            jobId,
            seq: result.seq,
            message: `The worker got fresh credentials for job ${jobId} but reported it without retrying the artifact access.`,
            expected: ['the S3 call again, signed with the credentials GetJobDetails handed out, before the result'],
            actual: `${describeCall(refresh)}, then ${describeCall(result)}`,
          })
        }
        return { exercised: result !== undefined || refresh !== undefined || findings.length > 0, findings }
      },
      'no artifact access of this scenario was answered ExpiredToken, or the worker did nothing more with the job',
    ),
})
