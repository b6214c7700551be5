import type { Finding } from '../../report/results.js'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { artifactCredentialsOf, describeCall, type HandedCredentials } from '../trace-queries.js'

/** Findings kept per job: one leak is enough to fail, a few show the pattern. */
const MAX_FINDINGS_PER_JOB = 5
/**
 * The session token is matched by its first 64 characters: a line the harness
 * cut at its length limit, or a logger that abbreviates long values, still
 * shows them, and 64 characters of a random token occur nowhere else.
 */
const TOKEN_PREFIX = 64

interface Canary {
  name: 'secretAccessKey' | 'sessionToken'
  value: string
}

const canariesOf = (handed: readonly HandedCredentials[]): Canary[] => {
  const canaries = new Map<string, Canary>()
  for (const h of handed) {
    canaries.set(h.secretAccessKey, { name: 'secretAccessKey', value: h.secretAccessKey })
    const token = h.sessionToken.slice(0, TOKEN_PREFIX)
    canaries.set(token, { name: 'sessionToken', value: token })
  }
  return [...canaries.values()].filter((c) => c.value.length >= 16)
}

/** Up to 160 characters around the first leak, every canary replaced by its name first: the report must not leak it again. */
function redactedExcerpt(text: string, canaries: readonly Canary[], hit: Canary): string {
  let redacted = text
  for (const canary of canaries) redacted = redacted.split(canary.value).join(`\u0000${canary.name}\u0000`)
  // The rest of a session token runs on after its matched prefix: drop it with the prefix.
  redacted = redacted.replace(/\u0000(\w+)\u0000[A-Za-z0-9+/=]*/g, '<$1>')
  const at = redacted.indexOf(`<${hit.name}>`)
  const start = Math.max(0, at - 40)
  const end = at + 120
  return `${start > 0 ? '...' : ''}${redacted.slice(start, end)}${end < redacted.length ? '...' : ''}`
}

export const SEC_001 = defineRule({
  id: 'SEC-001',
  area: 'secrets',
  level: 'MUST',
  title: 'Never print or report the artifact credentials',
  requirement:
    "A worker MUST NOT let a job's artifact secret access key or session token appear in anything it prints (stdout, stderr) or sends to CodePipeline (failure message, summary, externalExecutionId, output variables or any other member).",
  observe:
    "Hands every job its own random secret access key and session token (natural canaries), then searches every line the worker printed while the scenario played and every CodePipeline request body for them; any occurrence is a violation. The report shows the place with the secret replaced by its name.",
  rationale:
    "Logs and pipeline execution details are read by far more people and systems than the artifact bucket; the credentials stay valid for the job's lifetime and open the pipeline's artifacts (and KMS key) to whoever reads them. Dumping the whole job on receipt is the common way this happens.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PollForJobs.html (the "Important" note on secrets in the response)',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_AWSSessionCredentials.html (members marked sensitive)',
    'Black Duck custom action and Handel worker (commit 2adf09f) print the whole job; lafiosca logs the job JSON',
  ],
  since: '0.2.0',
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'any' }], { extraJobs: 1 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const handed = artifactCredentialsOf(evidence.trace, jobId)
        const canaries = canariesOf(handed)
        const findings: Finding[] = []
        const message = (place: string, canary: Canary): string => `The worker ${place} the ${canary.name} of job ${jobId}'s artifactCredentials.`
        for (const line of evidence.output) {
          const hit = canaries.find((c) => line.text.includes(c.value))
          if (!hit) continue
          findings.push({
            jobId,
            message: message(`printed (on ${line.stream})`, hit),
            expected: ["no line of the worker's output containing the job's secretAccessKey or sessionToken"],
            actual: `${line.stream} at ${Math.round(line.at)} ms: ${redactedExcerpt(line.text, canaries, hit)}`,
          })
        }
        for (const call of evidence.trace) {
          if (call.service !== 'codepipeline') continue
          const body = JSON.stringify(call.request ?? {})
          const hit = canaries.find((c) => body.includes(c.value))
          if (!hit) continue
          findings.push({
            jobId,
            seq: call.seq,
            message: message(`sent CodePipeline (in ${call.operation})`, hit),
            expected: ["no CodePipeline request carrying the job's secretAccessKey or sessionToken"],
            actual: `${describeCall(call)}, body: ${redactedExcerpt(body, canaries, hit)}`,
          })
        }
        return { exercised: handed.length > 0, findings: findings.slice(0, MAX_FINDINGS_PER_JOB) }
      },
      'no job of this scenario was handed out, so the worker never held its credentials',
    ),
})
