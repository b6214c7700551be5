/**
 * Faults the fake plays instead of (or around) its faithful answer, so rules
 * can watch how a worker lives through a bad network and a struggling service.
 * Plain data: a scenario carries its scripts, prints and shrinks them.
 */

/** Errors a fault answers, with the HTTP status AWS gives each. The first three are the transient ones. */
export const FAULT_ERRORS = {
  ThrottlingException: 400,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  ValidationException: 400,
  ActionTypeNotFoundException: 400,
  AccessDeniedException: 400,
} as const

export type FaultError = keyof typeof FAULT_ERRORS

export const TRANSIENT_FAULT_ERRORS: readonly FaultError[] = ['ThrottlingException', 'InternalFailure', 'ServiceUnavailable']

/**
 * One step of a script.
 * - error: answer this error without applying the call;
 * - delay: wait `ms`, then answer faithfully;
 * - drop-response: apply the call, then close the connection instead of answering
 *   (the worker cannot tell whether it took effect);
 * - reset: close the connection without applying the call.
 */
export type Fault =
  | { kind: 'error'; error: FaultError }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop-response' }
  | { kind: 'reset' }

/** A fault repeated `times` times, or on every matching call for `forMs` from the first call it meets. */
export type FaultStep = Fault & ({ times: number; forMs?: never } | { forMs: number; times?: never })

/**
 * What to do to the calls of some operations: the steps play in order, one
 * matching call each (or all calls during a step's `forMs`); once they are
 * spent the operations are answered faithfully again.
 */
export interface FaultScript {
  /** Operation names as the trace records them: 'PollForJobs', 'PutJobSuccessResult', 'GetObject', ... */
  operations: string[]
  /** Only calls naming this job (CodePipeline's request jobId, or the job owning an S3 key); absent: any call. */
  jobId?: string
  steps: FaultStep[]
}

/** A short label for the trace: `ThrottlingException`, `delay 200 ms`, `drop-response`, `reset`. */
export function describeFault(fault: Fault): string {
  if (fault.kind === 'error') return fault.error
  if (fault.kind === 'delay') return `delay ${fault.ms} ms`
  return fault.kind
}

const MAX_DELAY_MS = 60_000
const MAX_TIMES = 10_000

/** Checks a script from outside (the control endpoint); returns the problems, none when it is usable. */
export function faultScriptProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['a fault script must be a JSON object']
  const script = value as Record<string, unknown>
  const problems: string[] = []
  if (!Array.isArray(script.operations) || script.operations.length === 0 || !script.operations.every((op) => typeof op === 'string' && op !== ''))
    problems.push('"operations" must be a non-empty list of operation names, e.g. ["PutJobSuccessResult", "PutJobFailureResult"]')
  if (script.jobId !== undefined && typeof script.jobId !== 'string') problems.push('"jobId" must be a string when given')
  if (!Array.isArray(script.steps) || script.steps.length === 0) return [...problems, '"steps" must be a non-empty list']
  script.steps.forEach((raw, i) => {
    const where = `steps[${i}]`
    if (typeof raw !== 'object' || raw === null) return problems.push(`${where} must be an object`)
    const step = raw as Record<string, unknown>
    const count = step.times !== undefined ? 'times' : step.forMs !== undefined ? 'forMs' : undefined
    if (count === undefined || (step.times !== undefined && step.forMs !== undefined)) problems.push(`${where} needs exactly one of "times" or "forMs"`)
    else if (!Number.isInteger(step[count]) || (step[count] as number) < 1 || (step[count] as number) > (count === 'times' ? MAX_TIMES : 3_600_000))
      problems.push(`${where}.${count} must be a whole number from 1 to ${count === 'times' ? MAX_TIMES : 3_600_000}`)
    switch (step.kind) {
      case 'error':
        if (typeof step.error !== 'string' || !Object.hasOwn(FAULT_ERRORS, step.error)) problems.push(`${where}.error must be one of ${Object.keys(FAULT_ERRORS).join(', ')}`)
        break
      case 'delay':
        if (!Number.isInteger(step.ms) || (step.ms as number) < 0 || (step.ms as number) > MAX_DELAY_MS) problems.push(`${where}.ms must be a whole number from 0 to ${MAX_DELAY_MS}`)
        break
      case 'drop-response':
      case 'reset':
        break
      default:
        problems.push(`${where}.kind must be error, delay, drop-response or reset`)
    }
    return undefined
  })
  return problems
}
