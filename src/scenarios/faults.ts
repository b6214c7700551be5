import fc from 'fast-check'
import { TRANSIENT_FAULT_ERRORS, type FaultScript, type FaultStep } from '../service/faults/fault-script.js'

/**
 * Fault scripts for the retry rules. A burst is three to five faults in a
 * row: longer than the JS SDK's own three attempts, so the worker's own
 * retries are what carry the call through (botocore's legacy mode makes five).
 */
const burstLength = (): fc.Arbitrary<number> => fc.integer({ min: 3, max: 5 })

/** A transient failure the SDKs retry by themselves: throttling, 500, 503, or a reset connection. */
const transientStep = (): fc.Arbitrary<FaultStep> =>
  fc.oneof(
    fc.record({ kind: fc.constant('error' as const), error: fc.constantFrom(...TRANSIENT_FAULT_ERRORS), times: burstLength() }),
    fc.record({ kind: fc.constant('reset' as const), times: burstLength() }),
  )

/**
 * A job's result calls (success or failure, whichever the worker sends) meet a
 * transient burst, sometimes followed by a dropped response: the result is
 * applied but its answer lost, so the retry meets InvalidJobStateException.
 */
export const resultFaults = (): fc.Arbitrary<Omit<FaultScript, 'jobId'>[]> =>
  fc.tuple(transientStep(), fc.boolean()).map(([burst, drop]) => [
    { operations: ['PutJobSuccessResult', 'PutJobFailureResult'], steps: drop ? [burst, { kind: 'drop-response', times: 1 }] : [burst] },
  ])

/** PollForJobs meets a burst of throttling, 500 or 503 answers. */
export const transientPollFaults = (): fc.Arbitrary<FaultScript[]> =>
  fc
    .record({ error: fc.constantFrom(...TRANSIENT_FAULT_ERRORS), times: burstLength() })
    .map(({ error, times }) => [{ operations: ['PollForJobs'], steps: [{ kind: 'error', error, times }] }])

/** Every PollForJobs is refused for two seconds or more with an error retrying cannot fix (misconfiguration, no permission). */
export const refusedPollFaults = (): fc.Arbitrary<FaultScript[]> =>
  fc
    .record({ error: fc.constantFrom('ActionTypeNotFoundException' as const, 'ValidationException' as const, 'AccessDeniedException' as const), forMs: fc.integer({ min: 2000, max: 2500 }) })
    .map(({ error, forMs }) => [{ operations: ['PollForJobs'], steps: [{ kind: 'error', error, forMs }] }])
