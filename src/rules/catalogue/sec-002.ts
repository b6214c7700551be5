import fc from 'fast-check'
import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall } from '../trace-queries.js'

/** Planted values start with this, so a finding can say what leaked without a real secret ever being near. */
export const CONFIG_CANARY_PREFIX = 'conform-canary-'

const MAX_FINDINGS_PER_JOB = 5

/** The secret configuration values planted in a job: the keys the worker config names as secret, with canary values. */
const plantedIn = (configuration: Record<string, string>, secretKeys: readonly string[]): { key: string; value: string }[] =>
  secretKeys.flatMap((key) => {
    const value = configuration[key]
    return value?.startsWith(CONFIG_CANARY_PREFIX) ? [{ key, value }] : []
  })

const redact = (text: string, canaries: readonly { key: string; value: string }[]): string => {
  let redacted = text
  for (const canary of canaries) redacted = redacted.split(canary.value).join(`<${canary.key}>`)
  const at = redacted.indexOf('<')
  const start = Math.max(0, at - 40)
  return `${start > 0 ? '...' : ''}${redacted.slice(start, start + 160)}${start + 160 < redacted.length ? '...' : ''}`
}

export const SEC_002 = defineRule({
  id: 'SEC-002',
  area: 'secrets',
  level: 'MUST',
  title: 'Never print or report secret configuration values',
  requirement:
    'A worker MUST NOT let the value of a secret action-configuration property appear in anything it prints (stdout, stderr) or sends to CodePipeline (failure message, summary, externalExecutionId, output variables or any other member).',
  observe:
    "Plants a unique canary value (conform-canary-...) in every configuration key the worker config names in secretConfiguration, then searches every line the worker printed while the scenario played and every CodePipeline request body for it; any occurrence is a violation. The report shows the place with the value replaced by its key. Without secretConfiguration the rule is n/a.",
  rationale:
    'Secret configuration properties (API tokens, passwords for the external system) are returned in clear in the job data, and CodePipeline masks them in its console; a worker that logs its configuration or echoes it in a summary or an output variable hands them to everyone who reads logs or execution details.',
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ActionConfigurationProperty.html (secret)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PollForJobs.html (the "Important" note on secrets in the response)',
    'protocol-notes section 7, candidate rule 31; the JFrog worker writes a token derived from the secret password to ~/.npmrc',
  ],
  since: '0.3.0',
  needs: ['secret-configuration'],
  scenario: (context) => {
    const keys = context.secretConfiguration ?? []
    return fc
      .tuple(
        scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'any' }], { extraJobs: 1 }),
        fc.array(fc.stringMatching(/^[A-Za-z0-9]{24}$/), { minLength: 3 * Math.max(1, keys.length), maxLength: 3 * Math.max(1, keys.length) }),
      )
      .map(([scenario, randoms]) => ({
        jobs: scenario.jobs.map((job, j) => ({
          ...job,
          actionConfiguration: { ...job.actionConfiguration, ...Object.fromEntries(keys.map((key, k) => [key, `${CONFIG_CANARY_PREFIX}${randoms[(j * keys.length + k) % randoms.length] ?? ''}`])) },
        })),
      }))
  },
  check: (evidence) => {
    const secretKeys = [...new Set(evidence.scenario.jobs.flatMap((job) => Object.keys(job.actionConfiguration ?? {}).filter((key) => (job.actionConfiguration[key] ?? '').startsWith(CONFIG_CANARY_PREFIX))))]
    return judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const canaries = plantedIn(job?.actionConfiguration ?? {}, secretKeys)
        if (canaries.length === 0) return { exercised: false, findings: [] }
        const findings: Finding[] = []
        const expected = [`no secret configuration value (${canaries.map((c) => c.key).join(', ')}) in the worker's output or its CodePipeline calls`]
        for (const line of evidence.output) {
          const hit = canaries.find((c) => line.text.includes(c.value))
          if (!hit) continue
          findings.push({ jobId, message: `The worker printed (on ${line.stream}) the secret configuration value ${hit.key} of job ${jobId}.`, expected, actual: `${line.stream} at ${Math.round(line.at)} ms: ${redact(line.text, canaries)}` })
        }
        for (const call of evidence.trace) {
          if (call.service !== 'codepipeline') continue
          const body = JSON.stringify(call.request ?? null)
          const hit = canaries.find((c) => body.includes(c.value))
          if (!hit) continue
          findings.push({ jobId, seq: call.seq, message: `The worker sent the secret configuration value ${hit.key} of job ${jobId} to CodePipeline.`, expected, actual: `${describeCall(call)}: ${redact(body, canaries)}` })
        }
        // Exercised once the job was handed to the worker with its planted values.
        const handedOut = evidence.trace.some((e) => e.operation === 'PollForJobs' && JSON.stringify(e.response.body ?? null).includes(jobId))
        return { exercised: handedOut, findings: findings.slice(0, MAX_FINDINGS_PER_JOB) }
      },
      'no job carrying planted secret configuration values was handed to the worker',
    )
  },
})
