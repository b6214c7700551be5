import { ACKNOWLEDGEMENTS } from '../service/trace/acknowledgement.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import { jobsListed } from '../service/trace/poll-answer.js'

// The fake's session layer needs them too (a raced claim is held), so they live beside the trace entry.
export { acknowledgedStatus, isSuccessfulAcknowledgement } from '../service/trace/acknowledgement.js'

/**
 * Small pure look-ups over a trace, shared by the rule checks. A partner
 * (ThirdParty) job goes through the same steps under other names, so the
 * look-ups count AcknowledgeThirdPartyJob as an acknowledgement, the
 * PutThirdPartyJob*Result calls as results, and the nonce a
 * GetThirdPartyJobDetails answer gives as the nonce of a dispatch.
 */

export const RESULT_OPERATIONS = ['PutJobSuccessResult', 'PutJobFailureResult', 'PutThirdPartyJobSuccessResult', 'PutThirdPartyJobFailureResult'] as const

export const isResultCall = (entry: TraceEntry): boolean =>
  (RESULT_OPERATIONS as readonly string[]).includes(entry.operation)

export const callsFor = (trace: readonly TraceEntry[], jobId: string): TraceEntry[] =>
  trace.filter((entry) => entry.jobId === jobId)

export const acknowledgementsOf = (trace: readonly TraceEntry[], jobId: string): TraceEntry[] =>
  callsFor(trace, jobId).filter((entry) => ACKNOWLEDGEMENTS.has(entry.operation))

export const resultCallsOf = (trace: readonly TraceEntry[], jobId: string): TraceEntry[] =>
  callsFor(trace, jobId).filter(isResultCall)

/**
 * Each time a PollForJobs answer handed the job out, with the nonce of that
 * dispatch; for a partner job, each GetThirdPartyJobDetails answer giving a
 * nonce other than the one before (asking again, to refresh credentials,
 * gives the same nonce and is no new dispatch).
 */
export function dispatchesOf(trace: readonly TraceEntry[], jobId: string): { seq: number; at: number; nonce: string }[] {
  const dispatches: { seq: number; at: number; nonce: string }[] = []
  for (const entry of trace) {
    if (entry.operation === 'GetThirdPartyJobDetails' && entry.jobId === jobId && entry.response.status === 200) {
      const nonce = (entry.response.body as { jobDetails?: { nonce?: unknown } } | undefined)?.jobDetails?.nonce
      if (typeof nonce === 'string' && dispatches.at(-1)?.nonce !== nonce) dispatches.push({ seq: entry.seq, at: entry.at, nonce })
      continue
    }
    if (entry.operation !== 'PollForJobs' || entry.response.status !== 200) continue
    for (const job of jobsListed(entry)) {
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

/** Artifact credentials as a PollForJobs or GetJobDetails answer carried them. */
export interface HandedCredentials {
  seq: number
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

function credentialsIn(data: unknown): Omit<HandedCredentials, 'seq'> | undefined {
  const credentials = (data as { artifactCredentials?: Record<string, unknown> } | undefined)?.artifactCredentials
  const { accessKeyId, secretAccessKey, sessionToken } = credentials ?? {}
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string' || typeof sessionToken !== 'string') return undefined
  return { accessKeyId, secretAccessKey, sessionToken }
}

/** Every set of artifact credentials the service handed out for the job: in the dispatches that carried it, and in GetJobDetails (or GetThirdPartyJobDetails) answers. */
export function artifactCredentialsOf(trace: readonly TraceEntry[], jobId: string): HandedCredentials[] {
  const handed: HandedCredentials[] = []
  for (const entry of trace) {
    if (entry.response.status !== 200) continue
    if (entry.operation === 'PollForJobs') {
      for (const job of jobsListed(entry)) {
        const credentials = job.id === jobId ? credentialsIn(job.data) : undefined
        if (credentials) handed.push({ seq: entry.seq, ...credentials })
      }
    } else if ((entry.operation === 'GetJobDetails' || entry.operation === 'GetThirdPartyJobDetails') && entry.jobId === jobId) {
      const credentials = credentialsIn((entry.response.body as { jobDetails?: { data?: unknown } } | undefined)?.jobDetails?.data)
      if (credentials) handed.push({ seq: entry.seq, ...credentials })
    }
  }
  return handed
}

/** The job's S3 calls: every request naming one of its artifact keys. */
export const s3CallsFor = (trace: readonly TraceEntry[], jobId: string): TraceEntry[] =>
  callsFor(trace, jobId).filter((entry) => entry.service === 's3')

/** Work on a job beyond claiming it: an S3 call on its artifacts, or a result call. */
export const isWork = (entry: TraceEntry): boolean => entry.service === 's3' || isResultCall(entry)

/** The job's work calls (`isWork`), in seq order. */
export const workOn = (trace: readonly TraceEntry[], jobId: string): TraceEntry[] => callsFor(trace, jobId).filter(isWork)

/** The bucket and key an S3 call named, as the fake recorded them. */
export function s3ObjectOf(entry: TraceEntry): { bucket: string; key: string; headers: Record<string, string> } {
  const request = (entry.request ?? {}) as { bucket?: unknown; key?: unknown; headers?: unknown }
  return {
    bucket: typeof request.bucket === 'string' ? request.bucket : '',
    key: typeof request.key === 'string' ? request.key : '',
    headers: typeof request.headers === 'object' && request.headers !== null ? (request.headers as Record<string, string>) : {},
  }
}
