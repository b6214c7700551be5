/**
 * One call that crossed the wire between the worker and the fake service.
 * The trace is the single source of truth: rules judge only these entries
 * (and the worker's output), never the worker's internals.
 */
export interface TraceEntry {
  /** Position in the session's journal, starting at 1. */
  seq: number
  /** Milliseconds since the fake service started (monotonic clock). */
  at: number
  service: 'codepipeline' | 's3'
  /** Protocol name verbatim: 'PollForJobs', 'AcknowledgeJob', 'GetObject', ... */
  operation: string
  /** The job this call concerns, when it names one (request jobId, or the job owning an S3 key). */
  jobId?: string
  /** The access key id from the SigV4 Authorization header, if any. */
  accessKeyId?: string
  /**
   * Whose credentials signed the call: the worker's own ('worker'), a job's
   * artifact credentials ('artifact'), or none the run handed out ('unknown',
   * unsigned calls included).
   */
  signer?: 'worker' | 'artifact' | 'unknown'
  /** Whether the SigV4 signature matched; absent when it could not be checked (unsigned, or an unknown key). */
  signatureValid?: boolean
  /**
   * The SDK's own count of this attempt, from the `amz-sdk-invocation-id` and
   * `amz-sdk-request` headers the JS SDK and botocore send: retries the SDK
   * made by itself share one invocation id. Absent when the client sent neither.
   */
  sdkAttempt?: { invocationId: string; attempt?: number; max?: number }
  /**
   * The fault the fake played on this call instead of its faithful answer:
   * an error code (`ThrottlingException`, `InternalFailure`, ...), `delay N ms`,
   * `drop-response` (the call was applied and `response` is what it would have
   * answered, but the connection was closed instead) or `reset` (closed
   * without applying; `response.status` is 0).
   */
  fault?: string
  /** codepipeline: the parsed JSON body; s3: { bucket, key, headers } */
  request: unknown
  response: {
    status: number
    /** AWS error code (the `__type` / S3 `Code`) when the answer is an error. */
    errorType?: string
    /** codepipeline: parsed JSON body; s3: a short description, never the bytes. */
    body?: unknown
  }
}
