import type { Evidence } from './rule.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import { callsFor, isResultCall } from './trace-queries.js'

/** One job of a continuation chain and its calls, in order. */
export interface ChainLink {
  jobId: string
  calls: TraceEntry[]
}

/** A scenario job followed by the continuation jobs the fake queued for it (the job outcome names them). */
export function chainOf(evidence: Evidence, jobId: string): ChainLink[] {
  const outcome = evidence.outcomes.find((o) => o.jobId === jobId)
  const ids = [jobId, ...(outcome?.continuations ?? []).map((c) => c.jobId)]
  return ids.map((id) => ({ jobId: id, calls: callsFor(evidence.trace, id) }))
}

/** The result calls of a job the service accepted (200). */
export const acceptedResults = (link: ChainLink): TraceEntry[] => link.calls.filter((call) => isResultCall(call) && call.response.status === 200)

/** The continuation token a result call carried, if any. */
export const tokenOf = (call: TraceEntry): string | undefined => {
  const token = (call.request as { continuationToken?: unknown } | undefined)?.continuationToken
  return typeof token === 'string' ? token : undefined
}

/** The externalExecutionId a result call reported (executionDetails for a success, failureDetails for a failure). */
export function externalExecutionIdOf(call: TraceEntry): string | undefined {
  const request = (call.request ?? {}) as { executionDetails?: { externalExecutionId?: unknown }; failureDetails?: { externalExecutionId?: unknown } }
  const id = request.executionDetails?.externalExecutionId ?? request.failureDetails?.externalExecutionId
  return typeof id === 'string' ? id : undefined
}
