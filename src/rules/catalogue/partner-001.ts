import fc from 'fast-check'
import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary, type ScenarioContext } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { callsFor, describeCall } from '../trace-queries.js'

const PARTNER_CALLS = new Set(['GetThirdPartyJobDetails', 'AcknowledgeThirdPartyJob', 'PutThirdPartyJobSuccessResult', 'PutThirdPartyJobFailureResult'])

/** Partner jobs, each naming one of the worker config's clients (`partner.clients`). */
function partnerScenario(context: ScenarioContext) {
  const clients = Object.entries(context.partner?.clients ?? {})
  return fc
    .tuple(scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 2 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }))
    .map(([scenario, picks]) => ({
      jobs: scenario.jobs.map((job, index) => {
        const pair = clients[(picks[index] ?? 0) % Math.max(1, clients.length)]
        return pair ? { ...job, partner: { clientId: pair[0], clientToken: pair[1] } } : job
      }),
    }))
}

export const PARTNER_001 = defineRule({
  id: 'PARTNER-001',
  area: 'partner',
  level: 'MUST',
  title: "Partner jobs: the client's own token, and the nonce GetThirdPartyJobDetails gave",
  requirement:
    "A partner (ThirdParty) worker MUST call GetThirdPartyJobDetails with the clientToken mapped to the job's clientId, MUST acknowledge with the nonce that GetThirdPartyJobDetails answered, and MUST send that same clientToken on AcknowledgeThirdPartyJob and on every result call.",
  observe:
    "Queues partner jobs, each for one of the clients in the worker config's partner.clients; every partner call naming the job must carry the token mapped to its clientId (the fake answers any other InvalidClientTokenException), and every AcknowledgeThirdPartyJob must carry the nonce of the latest GetThirdPartyJobDetails answer for that job before it. Tokens are never shown in findings.",
  rationale:
    "PollForThirdPartyJobs hands out only a jobId and a clientId: the clientToken is the partner's proof that the customer connected it, and the nonce arrives only with the details. A worker that sends the clientId as the token (the model's documentation of clientId invites this), or acknowledges with a made-up nonce, never claims a job, and the customer's pipeline waits until the action times out.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GetThirdPartyJobDetails.html',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AcknowledgeThirdPartyJob.html',
    'awslabs/aws-codepipeline-custom-job-worker ThirdPartyJobService (clientToken from a ClientTokenProvider, nonce from GetThirdPartyJobDetails)',
    'protocol-notes section 7, candidate rule 13',
  ],
  since: '0.3.0',
  needs: ['partner-jobs'],
  scenario: partnerScenario,
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        if (!job?.partner) return { exercised: false, findings: [] }
        const { clientId, clientToken } = job.partner
        const calls = callsFor(evidence.trace, jobId).filter((call) => PARTNER_CALLS.has(call.operation))
        const findings: Finding[] = []
        for (const call of calls) {
          const request = (call.request ?? {}) as { clientToken?: unknown; nonce?: unknown }
          if (request.clientToken !== clientToken) {
            findings.push({
              jobId,
              seq: call.seq,
              message: `The worker sent a clientToken other than the one mapped to client ${clientId} for partner job ${jobId}.`,
              expected: [`the clientToken the worker config maps to clientId ${clientId}, on every partner call`],
              actual: `${describeCall(call)} with ${request.clientToken === undefined ? 'no clientToken' : request.clientToken === clientId ? 'the clientId as its clientToken' : 'another clientToken (not shown: tokens are secrets)'}`,
            })
            continue
          }
          if (call.operation !== 'AcknowledgeThirdPartyJob') continue
          const details = calls.filter((c) => c.seq < call.seq && c.operation === 'GetThirdPartyJobDetails' && c.response.status === 200).at(-1)
          const given = (details?.response.body as { jobDetails?: { nonce?: unknown } } | undefined)?.jobDetails?.nonce
          if (details && request.nonce === given) continue
          findings.push({
            jobId,
            seq: call.seq,
            message: `The worker acknowledged partner job ${jobId} with a nonce GetThirdPartyJobDetails had not given it.`,
            expected: [details ? `nonce ${JSON.stringify(given)} (from ${describeCall(details)})` : 'GetThirdPartyJobDetails first, then its nonce'],
            actual: `${describeCall(call)} with nonce ${JSON.stringify(request.nonce)}`,
          })
        }
        return { exercised: calls.length > 0, findings }
      },
      'the worker made no partner call for a partner job of this scenario',
    ),
})
