import type { TraceEntry } from '../service/trace/trace-entry.js'
import type { PlannedStopRecord } from '../session/scenario-events.js'
import type { Evidence } from './rule.js'
import { isResultCall, isSuccessfulAcknowledgement } from './trace-queries.js'

/**
 * The calls of the worker that was stopped: every call up to the moment it
 * was gone (its successor starts only after), split at the signal.
 */
export function stoppingWorker(evidence: Evidence): { stop: PlannedStopRecord; before: TraceEntry[]; after: TraceEntry[] } | undefined {
  const stop = evidence.events?.stop
  if (!stop) return undefined
  const own = evidence.trace.filter((entry) => entry.seq <= stop.exitSeq)
  return { stop, before: own.filter((entry) => entry.seq <= stop.signalSeq), after: own.filter((entry) => entry.seq > stop.signalSeq) }
}

/** The jobs the stopping worker claimed (InProgress) before the signal and had not reported by then: its jobs in flight. */
export function inFlightAtSignal(before: readonly TraceEntry[]): { jobId: string; claim: TraceEntry }[] {
  const inFlight: { jobId: string; claim: TraceEntry }[] = []
  for (const claim of before.filter(isSuccessfulAcknowledgement)) {
    const jobId = claim.jobId
    if (jobId === undefined) continue
    const reported = before.some((entry) => entry.jobId === jobId && entry.seq > claim.seq && isResultCall(entry))
    if (!reported) inFlight.push({ jobId, claim })
  }
  return inFlight
}

export const describeSignal = (stop: PlannedStopRecord): string => `SIGTERM after call #${stop.signalSeq} at ${Math.round(stop.signalAt)} ms`
