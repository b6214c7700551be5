import type { TraceEntry } from './trace-entry.js'

/** The poll calls of both job families. */
export const POLL_OPERATIONS: ReadonlySet<string> = new Set(['PollForJobs', 'PollForThirdPartyJobs'])

/** A job as a poll's answer lists it: PollForJobs gives `{ id, nonce, data, ... }`, PollForThirdPartyJobs `{ jobId, clientId }`. */
export interface ListedJob {
  id?: unknown
  jobId?: unknown
  nonce?: unknown
  data?: unknown
}

/** The jobs a recorded poll's answer lists (none when its body lists none). */
export const jobsListed = (entry: TraceEntry): ListedJob[] => (entry.response.body as { jobs?: ListedJob[] } | undefined)?.jobs ?? []

/** The id of a listed job, of either family. */
export function listedJobId(job: ListedJob): string | undefined {
  const id = job.id ?? job.jobId
  return typeof id === 'string' ? id : undefined
}
