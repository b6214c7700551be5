import { POLL_OPERATIONS } from '../service/trace/poll-answer.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import type { Evidence } from './rule.js'

/** The polls of the scenario's idle stretch, in order, and the gaps between them (ms). */
export function idlePolls(evidence: Evidence): { polls: TraceEntry[]; gaps: number[]; endedBy: 'polls' | 'deadline' } | undefined {
  const idle = evidence.events?.idle
  if (!idle) return undefined
  const polls = evidence.trace.filter((entry) => POLL_OPERATIONS.has(entry.operation) && entry.seq > idle.afterSeq && entry.seq <= idle.untilSeq)
  const gaps = polls.slice(1).map((poll, i) => poll.at - (polls[i] as TraceEntry).at)
  return { polls, gaps, endedBy: idle.endedBy }
}

/** The value at quantile `q` (0..1) of the numbers, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0
}

export const ms = (value: number): string => `${Math.round(value)} ms`

/**
 * The worker's fastest turnaround before the idle stretch: the shortest time
 * from one of its calls to its next, while it worked the scenario's jobs. On
 * a loaded machine a worker's own SDK overhead is tens of milliseconds; a
 * poll gap minus this is the part the worker chose to wait. 0 when no job was
 * worked (nothing is then subtracted).
 */
export function fastestTurnaround(evidence: Evidence): number {
  const before = evidence.events?.idle?.afterSeq ?? Number.POSITIVE_INFINITY
  const calls = evidence.trace.filter((entry) => entry.seq <= before)
  const gaps = calls.slice(1).map((call, i) => call.at - (calls[i] as TraceEntry).at)
  return gaps.length > 0 ? Math.max(0, Math.min(...gaps)) : 0
}
