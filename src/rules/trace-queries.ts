import type { TraceEntry } from '../service/trace/trace-entry.js'

/** Small pure look-ups over a trace, shared by the rule checks. */

export const RESULT_OPERATIONS = ['PutJobSuccessResult', 'PutJobFailureResult'] as const

export const isResultCall = (entry: TraceEntry): boolean =>
  (RESULT_OPERATIONS as readonly string[]).includes(entry.operation)

export const callsFor = (trace: readonly TraceEntry[], jobId: string): TraceEntry[] =>
  trace.filter((entry) => entry.jobId === jobId)

export const acknowledgementsOf = (trace: readonly TraceEntry[], jobId: string): TraceEntry[] =>
  callsFor(trace, jobId).filter((entry) => entry.operation === 'AcknowledgeJob')

export const resultCallsOf = (trace: readonly TraceEntry[], jobId: string): TraceEntry[] =>
  callsFor(trace, jobId).filter(isResultCall)

/** The status an AcknowledgeJob answer carried, when it succeeded at the wire level. */
export function acknowledgedStatus(entry: TraceEntry): string | undefined {
  if (entry.response.status !== 200) return undefined
  const body = entry.response.body as { status?: unknown } | undefined
  return typeof body?.status === 'string' ? body.status : undefined
}

export const isSuccessfulAcknowledgement = (entry: TraceEntry): boolean =>
  entry.operation === 'AcknowledgeJob' && acknowledgedStatus(entry) === 'InProgress'

/** Each time a PollForJobs answer handed the job out, with the nonce of that dispatch. */
export function dispatchesOf(trace: readonly TraceEntry[], jobId: string): { seq: number; at: number; nonce: string }[] {
  const dispatches: { seq: number; at: number; nonce: string }[] = []
  for (const entry of trace) {
    if (entry.operation !== 'PollForJobs' || entry.response.status !== 200) continue
    const jobs = (entry.response.body as { jobs?: { id?: string; nonce?: string }[] } | undefined)?.jobs ?? []
    for (const job of jobs) {
      if (job.id === jobId && typeof job.nonce === 'string') dispatches.push({ seq: entry.seq, at: entry.at, nonce: job.nonce })
    }
  }
  return dispatches
}

/** A short, stable description of a call for findings: `PutJobFailureResult #12 at 340 ms -> 400 InvalidJobStateException`. */
export function describeCall(entry: TraceEntry): string {
  const answer = entry.response.errorType ? `${entry.response.status} ${entry.response.errorType}` : String(entry.response.status)
  return `${entry.operation} #${entry.seq} at ${Math.round(entry.at)} ms -> ${answer}`
}
