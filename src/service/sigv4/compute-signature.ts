import * as crypto from 'node:crypto'
import type { SigV4Credential } from './authorization-header.js'
import { setBounded } from '../bounded-map.js'
import type { WireRequestHead } from '../wire.js'

/** Everything a signature is computed over, kept so an error can show it (as AWS does). */
export interface ComputedSignature {
  signature: string
  canonicalRequest: string
  stringToSign: string
}

/** One-shot `crypto.hash` (Node 20.12 and later) costs half a Hash object on the per-call path; older Nodes fall back. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string }).hash
export const sha256Hex = (data: Uint8Array | string): string => (oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex'))
const hmac = (key: Uint8Array | string, data: string): Buffer => crypto.createHmac('sha256', key).update(data, 'utf8').digest()

/** RFC 3986 encoding as SigV4 wants it: every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper-case). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The parts of a request URL a signature reads. */
interface UrlParts {
  host: string
  pathname: string
  search: string
}

/**
 * A request's URL is already serialised by URL (the transports build it so), so its parts can be
 * cut out instead of parsed again: a URL parse is a few microseconds on every new signature.
 * Anything unexpected is parsed.
 */
function urlParts(href: string): UrlParts {
  const start = href.startsWith('http://') ? 7 : href.startsWith('https://') ? 8 : -1
  const slash = start < 0 ? -1 : href.indexOf('/', start)
  if (slash < 0 || href.includes('#') || href.includes('@')) return new URL(href)
  const query = href.indexOf('?', slash)
  return {
    host: href.slice(start, slash),
    pathname: query < 0 ? href.slice(slash) : href.slice(slash, query),
    search: query < 0 || query === href.length - 1 ? '' : href.slice(query),
  }
}

/**
 * The canonical URI: S3 signs the path as sent; every other service encodes
 * each segment of it once more (SigV4's double encoding).
 */
function canonicalUri(url: UrlParts, service: string): string {
  const path = url.pathname === '' ? '/' : url.pathname
  if (service === 's3') return path
  return path
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/')
}

/** The canonical query: every parameter (but a presigned URL's signature), encoded, sorted by name then value. */
function canonicalQuery(url: UrlParts): string {
  const raw = url.search.startsWith('?') ? url.search.slice(1) : url.search
  if (raw === '') return ''
  const pairs: [string, string][] = []
  for (const part of raw.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = decode(eq < 0 ? part : part.slice(0, eq))
    const value = eq < 0 ? '' : decode(part.slice(eq + 1))
    if (name === 'X-Amz-Signature') continue
    pairs.push([uriEncode(name), uriEncode(value)])
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  return pairs.map(([name, value]) => `${name}=${value}`).join('&')
}

/** A header's canonical value: trimmed, inner runs of spaces collapsed. `host` falls back to the URL's. */
function headerValue(request: WireRequestHead, url: UrlParts, name: string): string {
  const value = request.headers.get(name) ?? (name === 'host' ? url.host : '')
  return value.trim().replace(/\s+/g, ' ')
}

/**
 * Recomputes a request's AWS4-HMAC-SHA256 signature with `secretAccessKey`:
 * the canonical request (method, canonical URI and query, the signed headers,
 * the payload hash), the string to sign over the credential scope the request
 * names, and the signing key derived from the secret, date, region and service.
 *
 * @example
 * const { signature } = computeSignature({ request, credential, secretAccessKey, amzDate, payloadHash })
 * signature === credential.signature // the request is authentic
 */
export function computeSignature(options: {
  request: WireRequestHead
  credential: SigV4Credential
  secretAccessKey: string
  /** The request's time, `YYYYMMDD'T'HHMMSS'Z'`. */
  amzDate: string
  /** The hex SHA-256 of the body, or the literal the client signed instead (UNSIGNED-PAYLOAD, STREAMING-...). */
  payloadHash: string
}): ComputedSignature {
  const { request, credential, secretAccessKey, amzDate, payloadHash } = options
  const url = urlParts(request.url)
  const names = credential.signedHeaders.map((name) => name.toLowerCase())
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url, credential.service),
    canonicalQuery(url),
    ...names.map((name) => `${name}:${headerValue(request, url, name)}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n')
  const scope = `${credential.date}/${credential.region}/${credential.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const signingKey = signingKeyFor(secretAccessKey, credential.date, credential.region, credential.service)
  return { signature: hmac(signingKey, stringToSign).toString('hex'), canonicalRequest, stringToSign }
}

/**
 * The derived signing key, cached: it depends only on the secret and the
 * scope (one per day), and deriving it is four HMACs on every request's hot
 * path. Bounded to a few hundred scopes (one per credential the run handed
 * out, per day), the oldest dropped first.
 */
const signingKeys = new Map<string, Buffer>()
const MAX_SIGNING_KEYS = 512

function signingKeyFor(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const id = `${secretAccessKey}\n${date}\n${region}\n${service}`
  return signingKeys.get(id) ?? setBounded(signingKeys, id, hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request'), MAX_SIGNING_KEYS)
}
