import { setBounded } from '../bounded-map.js'
import type { WireRequestHead } from '../wire.js'

/** The parts of a SigV4 credential a request carries (header or presigned query). */
export interface SigV4Credential {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
  /** Where the signature travels: the Authorization header, or a presigned URL's query. */
  source?: 'header' | 'query'
}

const HEADER = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/

/**
 * Reads the SigV4 credential of a request, from the `Authorization` header or,
 * for presigned URLs, the `X-Amz-Credential` query parameter. Parsing only:
 * `verifySignature` checks the signature.
 *
 * @example
 * parseSigV4(request)?.accessKeyId // 'ASIA...'
 */
export function parseSigV4(request: Pick<WireRequestHead, 'url' | 'headers'>): SigV4Credential | undefined {
  const header = request.headers.get('authorization')
  if (header !== null) return parseAuthorizationHeader(header)
  const query = new URL(request.url).searchParams
  const credential = query.get('X-Amz-Credential')
  if (credential === null) return undefined
  const parsed = fromParts(credential, query.get('X-Amz-SignedHeaders') ?? '', query.get('X-Amz-Signature') ?? '')
  return parsed && { ...parsed, source: 'query' }
}

export function parseAuthorizationHeader(header: string): SigV4Credential | undefined {
  const known = parsedHeaders.get(header)
  if (known !== undefined || parsedHeaders.has(header)) return known
  const match = HEADER.exec(header.trim())
  const fields = match ? fromParts(match[1] ?? '', match[2] ?? '', match[3] ?? '') : undefined
  const parsed = fields && Object.freeze({ ...fields, signedHeaders: Object.freeze(fields.signedHeaders) as string[] })
  return parsed && signsPerCallId(parsed) ? parsed : setBounded(parsedHeaders, header, parsed, 256)
}

/**
 * Headers already parsed (frozen): a botocore worker polling within a second sends the same one
 * again. One that signs the JS SDK's per-call id never comes back, and is not kept.
 */
const parsedHeaders = new Map<string, SigV4Credential | undefined>()

/** Whether the signature covers the SDK's per-call `amz-sdk-invocation-id` (the JS SDK signs it): such a request is never sent twice. */
export const signsPerCallId = (credential: SigV4Credential): boolean => credential.signedHeaders.some((name) => name.toLowerCase() === 'amz-sdk-invocation-id')

function fromParts(credential: string, signedHeaders: string, signature: string): SigV4Credential | undefined {
  const [accessKeyId, date, region, service, terminator] = credential.split('/')
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request') return undefined
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';').filter(Boolean), signature }
}
