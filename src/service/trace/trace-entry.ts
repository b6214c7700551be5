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
