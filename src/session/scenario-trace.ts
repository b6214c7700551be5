import type { TraceEntry } from '../service/trace/trace-entry.js'
import { jobsListed, listedJobId } from '../service/trace/poll-answer.js'

/**
 * The calls that belong to one scenario: those naming its jobs, and the polls
 * that handed them out (a poll names no job in its request, only in its answer),
 * and the polls the fake refused: a refused poll hands out nothing, yet it is
 * exactly the evidence POLL-001 judges. Scenarios run one after another in a
 * session, so a refusal after `afterSeq` belongs to this one.
 */
export function scenarioTrace(entries: readonly TraceEntry[], jobIds: readonly string[], afterSeq: number): TraceEntry[] {
  const ids = new Set(jobIds)
  return entries.filter((entry) => {
    if (entry.seq <= afterSeq) return false
    if (entry.jobId !== undefined && ids.has(entry.jobId)) return true
    if (entry.operation !== 'PollForJobs' && entry.operation !== 'PollForThirdPartyJobs') return false
    if (entry.response.status !== 200) return true
    // Partner polls hand out { clientId, jobId }.
    return jobsListed(entry).some((job) => {
      const id = listedJobId(job)
      return id !== undefined && ids.has(id)
    })
  })
}
