import { signsPerCallId, type SigV4Credential } from './authorization-header.js'
import { setBounded } from '../bounded-map.js'
import { computeSignature, sha256Hex, type ComputedSignature } from './compute-signature.js'
import type { WireRequest } from '../wire.js'

/**
 * Signatures already computed, with everything they were computed over. A
 * botocore worker (boto3, the AWS CLI) polling every few milliseconds sends
 * the same signed PollForJobs many times within the second its `X-Amz-Date`
 * names, as does a load generator replaying one request; recomputing it is
 * two SHA-256s and an HMAC on the fake's busiest path (decision 0016). The JS
 * SDK signs a per-call id, so its signatures never repeat and are not kept.
 *
 * An entry is found by the signature the client sent and used only when
 * every input matches byte for byte (secret, method, URL, date, scope,
 * signed header names and values, body or declared payload hash), so a hit
 * is exactly what recomputing would give, valid or not. A body over
 * `MAX_KEPT_BODY` bytes is signed afresh each time. The credential's lookup,
 * session token and expiry are not cached: they can change between two
 * identical requests.
 */
const MAX_ENTRIES = 512
const MAX_KEPT_BODY = 16 * 1024

interface Computed {
  secretAccessKey: string
  method: string
  url: string
  amzDate: string
  scope: string
  signedHeaders: readonly string[]
  headerValues: (string | null)[]
  declaredPayloadHash: string | undefined
  /** A copy: the transport may reuse the request's buffer. */
  body: Uint8Array | undefined
  signature: ComputedSignature
}

const computed = new Map<string, Computed>()

export interface SignatureInputs {
  /** Its body is hashed (or kept) only when no payload hash is declared. */
  request: WireRequest
  credential: SigV4Credential
  secretAccessKey: string
  amzDate: string
  /** The payload hash the client declared (`x-amz-content-sha256`, or a presigned URL's UNSIGNED-PAYLOAD), if any. */
  declaredPayloadHash: string | undefined
}

export function signatureOf(inputs: SignatureInputs): ComputedSignature {
  const { request, credential, secretAccessKey, amzDate, declaredPayloadHash } = inputs
  const compute = (): ComputedSignature => computeSignature({ request, credential, secretAccessKey, amzDate, payloadHash: declaredPayloadHash ?? sha256Hex(request.body) })
  if (signsPerCallId(credential) || (declaredPayloadHash === undefined && request.body.length > MAX_KEPT_BODY)) return compute()
  const headerValues = credential.signedHeaders.map((name) => request.headers.get(name))
  const known = computed.get(credential.signature)
  if (known && sameInputs(known, inputs, headerValues)) return known.signature
  const entry: Computed = {
    secretAccessKey,
    method: request.method,
    url: request.url,
    amzDate,
    scope: scopeOf(credential),
    signedHeaders: credential.signedHeaders,
    headerValues,
    declaredPayloadHash,
    body: declaredPayloadHash === undefined ? Uint8Array.from(request.body) : undefined,
    signature: compute(),
  }
  return setBounded(computed, credential.signature, entry, MAX_ENTRIES).signature
}

const scopeOf = (credential: SigV4Credential): string => `${credential.date}/${credential.region}/${credential.service}`

function sameInputs(known: Computed, { request, credential, secretAccessKey, amzDate, declaredPayloadHash }: SignatureInputs, headerValues: (string | null)[]): boolean {
  if (known.secretAccessKey !== secretAccessKey || known.method !== request.method || known.url !== request.url || known.amzDate !== amzDate) return false
  if (known.scope !== scopeOf(credential) || known.declaredPayloadHash !== declaredPayloadHash) return false
  if (known.signedHeaders.length !== credential.signedHeaders.length || known.signedHeaders.some((name, i) => name !== credential.signedHeaders[i])) return false
  if (known.headerValues.some((value, i) => value !== headerValues[i])) return false
  return declaredPayloadHash !== undefined || (known.body !== undefined && Buffer.compare(known.body, request.body) === 0)
}
