import type { TraceEntry } from '../service/trace/trace-entry.js'

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
    const jobs = (entry.response.body as { jobs?: { id?: string; jobId?: string }[] } | undefined)?.jobs ?? []
    return jobs.some((job) => (job.id ?? job.jobId) !== undefined && ids.has((job.id ?? job.jobId) as string))
  })
}
