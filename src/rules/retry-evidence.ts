import { TRANSIENT_FAULT_ERRORS } from '../service/faults/fault-script.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'

/** A worker's retry sooner than this after a transient failure is a retry in a tight loop, not a backoff. */
export const MIN_RETRY_WAIT_MS = 50

/** Errors that retrying the same call cannot fix. */
export const NON_RETRYABLE_ERRORS: readonly string[] = ['ValidationException', 'ActionTypeNotFoundException', 'AccessDeniedException', 'InvalidClientTokenException']

const TRANSIENT_ERRORS = new Set<string>([...TRANSIENT_FAULT_ERRORS, 'SlowDown', 'InternalError'])

/** The worker saw this call fail in a way worth retrying: throttling, 5xx, a reset or a dropped answer. */
export function failedTransiently(entry: TraceEntry): boolean {
  if (entry.fault === 'reset' || entry.fault === 'drop-response') return true
  if (entry.response.status >= 500) return true
  return entry.response.errorType !== undefined && TRANSIENT_ERRORS.has(entry.response.errorType)
}

/** The call never took effect: a faulted error or a reset (a dropped response did take effect). */
export const notApplied = (entry: TraceEntry): boolean => entry.fault !== undefined && entry.fault !== 'drop-response' && !entry.fault.startsWith('delay')

/** One logical call: the attempts the SDK made by itself share an invocation id; a call without one stands alone. */
export interface Invocation {
  first: TraceEntry
  last: TraceEntry
}

export function invocationsOf(calls: readonly TraceEntry[]): Invocation[] {
  const invocations: Invocation[] = []
  const open = new Map<string, Invocation>()
  for (const call of calls) {
    const id = call.sdkAttempt?.invocationId
    const known = id !== undefined ? open.get(id) : undefined
    if (known) {
      known.last = call
      continue
    }
    const invocation = { first: call, last: call }
    invocations.push(invocation)
    if (id !== undefined) open.set(id, invocation)
  }
  return invocations
}

/** The worker's own retries that came sooner than MIN_RETRY_WAIT_MS after a logical call failed transiently. */
export function hastyRetries(calls: readonly TraceEntry[]): { failed: TraceEntry; retry: TraceEntry; waitMs: number }[] {
  const invocations = invocationsOf(calls)
  const hasty: { failed: TraceEntry; retry: TraceEntry; waitMs: number }[] = []
  for (let i = 1; i < invocations.length; i += 1) {
    const failed = (invocations[i - 1] as Invocation).last
    const retry = (invocations[i] as Invocation).first
    const waitMs = retry.at - failed.at
    if (failedTransiently(failed) && waitMs < MIN_RETRY_WAIT_MS) hasty.push({ failed, retry, waitMs })
  }
  return hasty
}
