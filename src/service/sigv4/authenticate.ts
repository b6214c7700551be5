import { parseSigV4, type SigV4Credential } from './authorization-header.js'
import { sha256Hex, type ComputedSignature } from './compute-signature.js'
import { signatureOf } from './verified-signatures.js'
import type { WireRequest, WireRequestHead } from '../wire.js'

/** Whose credentials signed a call: the worker's own, a job's artifact credentials, or none the run knows. */
export type Signer = 'worker' | 'artifact' | 'unknown'

/** A credential the run handed out: the worker's (no session token) or one job's artifact credentials. */
export interface KnownCredential {
  signer: 'worker' | 'artifact'
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** Artifact credentials: the job they were issued with. */
  jobId?: string
}

export type CredentialLookup = (accessKeyId: string) => KnownCredential | undefined

/** Why a request is not authentic, in the order AWS checks; each service words these its own way. */
export type AuthProblem =
  | { kind: 'missing' }
  | { kind: 'malformed'; detail: string }
  | { kind: 'wrong-service'; expected: string; got: string }
  | { kind: 'wrong-region'; expected: string; got: string }
  | { kind: 'wrong-date'; scopeDate: string; amzDate: string }
  | { kind: 'unknown-key' }
  | { kind: 'missing-token' }
  | { kind: 'wrong-token' }
  | { kind: 'signature'; computed: ComputedSignature }
  | { kind: 'content-sha256'; claimed: string; actual: string }

/** What authenticating one request found; `problem` is absent when the request is authentic. */
export interface Authentication {
  signer: Signer
  accessKeyId?: string
  /** Whether the signature matched, when it could be checked (the access key is known). */
  signatureValid?: boolean
  credential?: KnownCredential
  problem?: AuthProblem
}

const AMZ_DATE = /^\d{8}T\d{6}Z$/

/** `X-Amz-Date` (header or presigned query), else the HTTP `Date` header in SigV4's basic ISO format. */
function requestDate(request: WireRequestHead, credential: SigV4Credential): string | undefined {
  const fromAmz = credential.source === 'query' ? new URL(request.url).searchParams.get('X-Amz-Date') : request.headers.get('x-amz-date')
  if (fromAmz !== null) return AMZ_DATE.test(fromAmz) ? fromAmz : undefined
  const date = new Date(request.headers.get('date') ?? '')
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/[-:]|\.\d{3}/g, '')
}

/**
 * Checks a request's SigV4 signature against the run's known credentials, for
 * `service` ('codepipeline' or 's3') in `region`: the credential scope, the
 * access key, the session token (required for, and only for, artifact
 * credentials, as `X-Amz-Security-Token`), then the signature itself, computed
 * over the SHA-256 of the body or, for S3, the payload hash the client
 * declared in `x-amz-content-sha256` (checked against the body when it is a
 * hash).
 *
 * Streaming uploads (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`,
 * `STREAMING-UNSIGNED-PAYLOAD-TRAILER`) are checked on their seed signature,
 * which covers the headers; the per-chunk signatures are not verified (the
 * seed already proves who sent the request, and the body is checked by its
 * checksum trailer). Clock skew is not checked either: the fake has no clock
 * to disagree with.
 *
 * @example
 * const auth = authenticate({ request, service: 'codepipeline', region: 'us-east-1', lookup })
 * if (auth.problem) // answer UnrecognizedClientException, InvalidSignatureException, ...
 */
export function authenticate(options: {
  request: WireRequest
  service: 'codepipeline' | 's3'
  region: string
  lookup: CredentialLookup
}): Authentication {
  const { request, service, region, lookup } = options
  const hasHeader = request.headers.has('authorization')
  const credential = parseSigV4(request)
  if (credential === undefined) {
    const presigned = new URL(request.url).searchParams.has('X-Amz-Credential')
    if (!hasHeader && !presigned) return { signer: 'unknown', problem: { kind: 'missing' } }
    return { signer: 'unknown', problem: { kind: 'malformed', detail: hasHeader ? 'the Authorization header is not AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...' : 'the presigned URL has an invalid X-Amz-Credential' } }
  }
  const { accessKeyId } = credential
  const known = lookup(accessKeyId)
  const who: Authentication = known ? { signer: known.signer, accessKeyId, credential: known } : { signer: 'unknown', accessKeyId }
  const amzDate = requestDate(request, credential)
  if (amzDate === undefined) return { ...who, problem: { kind: 'malformed', detail: 'the request has no valid X-Amz-Date (or Date) header' } }

  let computed: ComputedSignature | undefined
  if (known) {
    // Only S3 signs the payload hash the client declares (it may be UNSIGNED-PAYLOAD or STREAMING-...); other
    // services hash the body they received, so a body changed under a declared hash fails the signature.
    const declared = (service === 's3' ? request.headers.get('x-amz-content-sha256') : null) ?? (credential.source === 'query' ? 'UNSIGNED-PAYLOAD' : undefined)
    computed = signatureOf({ request, credential, secretAccessKey: known.secretAccessKey, amzDate, declaredPayloadHash: declared })
  }
  const signatureValid = computed === undefined ? undefined : computed.signature === credential.signature.toLowerCase()
  const checked: Authentication = signatureValid === undefined ? who : { ...who, signatureValid }

  const problem = scopeProblem(credential, service, region, amzDate) ?? credentialProblem(request, credential, known)
  if (problem) return { ...checked, problem }
  if (computed && !signatureValid) return { ...checked, problem: { kind: 'signature', computed } }
  const claimed = request.headers.get('x-amz-content-sha256') ?? ''
  if (service === 's3' && /^[0-9a-f]{64}$/i.test(claimed)) {
    const actual = sha256Hex(request.body)
    if (actual !== claimed.toLowerCase()) return { ...checked, problem: { kind: 'content-sha256', claimed, actual } }
  }
  return checked
}

function scopeProblem(credential: SigV4Credential, service: string, region: string, amzDate: string): AuthProblem | undefined {
  if (credential.service !== service) return { kind: 'wrong-service', expected: service, got: credential.service }
  if (credential.region !== region) return { kind: 'wrong-region', expected: region, got: credential.region }
  if (credential.date !== amzDate.slice(0, 8)) return { kind: 'wrong-date', scopeDate: credential.date, amzDate }
  return undefined
}

function credentialProblem(request: WireRequestHead, credential: SigV4Credential, known: KnownCredential | undefined): AuthProblem | undefined {
  if (!known) return { kind: 'unknown-key' }
  const token = credential.source === 'query' ? new URL(request.url).searchParams.get('X-Amz-Security-Token') : request.headers.get('x-amz-security-token')
  if (known.sessionToken === undefined) return token === null ? undefined : { kind: 'wrong-token' }
  if (token === null) return { kind: 'missing-token' }
  return token === known.sessionToken ? undefined : { kind: 'wrong-token' }
}
