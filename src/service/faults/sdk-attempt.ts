import type { WireHeaders } from '../wire.js'

/**
 * Reads the SDK's retry bookkeeping from a request: `amz-sdk-invocation-id`
 * (one id per logical call, kept across the SDK's own retries) and
 * `amz-sdk-request: attempt=2; max=3`. Rules use it to tell the SDK's
 * retries from the worker's.
 */
export function sdkAttemptOf(headers: WireHeaders): { invocationId: string; attempt?: number; max?: number } | undefined {
  const invocationId = headers.get('amz-sdk-invocation-id')
  if (!invocationId) return undefined
  const request = headers.get('amz-sdk-request') ?? ''
  const attempt = Number(/attempt=(\d+)/.exec(request)?.[1])
  const max = Number(/max=(\d+)/.exec(request)?.[1])
  return { invocationId, ...(Number.isInteger(attempt) && attempt > 0 ? { attempt } : {}), ...(Number.isInteger(max) && max > 0 ? { max } : {}) }
}
