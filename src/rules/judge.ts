import type { Finding } from '../report/results.js'
import type { Evidence, Judgement } from './rule.js'

/** What a rule found for one job: whether its situation arose, and what broke. */
export interface JobJudgement {
  exercised: boolean
  findings: Finding[]
}

/**
 * Folds per-job judgements into the scenario's: any finding fails it; a
 * scenario in which the rule's situation never arose is `unknown`, never a
 * vacuous pass.
 */
export function judgeEachJob(
  evidence: Evidence,
  judgeJob: (jobId: string) => JobJudgement,
  notExercised: string,
): Judgement {
  const judgements = evidence.scenario.jobs.map((job) => judgeJob(job.id))
  const findings = judgements.flatMap((j) => j.findings)
  if (findings.length > 0) return { verdict: 'fail', findings }
  if (judgements.some((j) => j.exercised)) return { verdict: 'pass', findings: [] }
  return { verdict: 'unknown', findings: [], note: notExercised }
}
