import type { TraceEntry } from '../service/trace/trace-entry.js'
import { jobsListed, listedJobId, POLL_OPERATIONS } from '../service/trace/poll-answer.js'

/**
 * The calls that belong to one scenario: those naming its jobs, and the polls
 * that handed them out (a poll names no job in its request, only in its answer),
 * and the polls the fake refused: a refused poll hands out nothing, yet it is
 * exactly the evidence POLL-001 judges. Scenarios run one after another in a
 * session, so `entries`, the calls since the scenario started, hold no other's.
 */
export function scenarioTrace(entries: readonly TraceEntry[], jobIds: readonly string[]): TraceEntry[] {
  const ids = new Set(jobIds)
  return entries.filter((entry) => {
    if (entry.jobId !== undefined && ids.has(entry.jobId)) return true
    if (!POLL_OPERATIONS.has(entry.operation)) return false
    if (entry.response.status !== 200) return true
    // Partner polls hand out { clientId, jobId }.
    return jobsListed(entry).some((job) => {
      const id = listedJobId(job)
      return id !== undefined && ids.has(id)
    })
  })
}
