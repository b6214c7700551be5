import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { SignatureV4 } from '@smithy/signature-v4'

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
}

/** The `Checksum` SignatureV4 wants, from node:crypto (HMAC when given a secret). */
class NodeSha256 {
  readonly #secret: Uint8Array | string | undefined
  #hash: Hash | Hmac
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret =
      secret === undefined || typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
          : new Uint8Array(secret)
    this.#hash = this.#fresh()
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret)
  }
  update(data: Uint8Array | string): void {
    this.#hash.update(data)
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest())
  }
  reset(): void {
    this.#hash = this.#fresh()
  }
}

/** The headers the SDK signs that a replayed request still carries; the rest are hop-by-hop or absent. */
const SIGNED = ['content-type', 'host', 'x-amz-target']

/**
 * Signs a request as the AWS SDK would, with `credentials`, for CodePipeline in
 * `region`: returns the fresh `authorization` and `x-amz-date` values.
 */
export async function signCodePipelineRequest(
  request: { method: string; path: string; headers: Record<string, string>; body: Uint8Array },
  credentials: Credentials,
  region: string,
): Promise<{ authorization: string; 'x-amz-date': string }> {
  const signer = new SignatureV4({ service: 'codepipeline', region, credentials, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false })
  const headers: Record<string, string> = {}
  for (const name of SIGNED) if (request.headers[name] !== undefined) headers[name] = request.headers[name]
  const signed = await signer.sign({ method: request.method, protocol: 'http:', hostname: headers.host?.split(':')[0] ?? '127.0.0.1', path: request.path, headers, body: request.body })
  const authorization = signed.headers.authorization
  const date = signed.headers['x-amz-date']
  if (authorization === undefined || date === undefined) throw new Error('contracts: SignatureV4 returned no authorization / x-amz-date header')
  return { authorization, 'x-amz-date': date }
}

type ExpressLikeRequest = IncomingMessage & { body?: unknown; path?: string }

/**
 * A Pact `Verifier` request filter (express middleware) that re-signs each
 * replayed CodePipeline call with `credentials`. The pact holds an example
 * signature (its shape is what the contract pins); the fake checks real
 * signatures, so the replay must carry one made now, over the bytes the
 * verifier actually sends. Requests without X-Amz-Target (the verifier's
 * provider-state calls) pass untouched.
 */
export function resignRequests(credentials: Credentials, region: string) {
  return (req: ExpressLikeRequest, _res: ServerResponse, next: (error?: unknown) => void): void => {
    const target = req.headers['x-amz-target']
    if (target === undefined) return next()
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value
    signCodePipelineRequest({ method: req.method ?? 'POST', path: req.url ?? '/', headers, body }, credentials, region).then(
      (signed) => {
        req.headers.authorization = signed.authorization
        req.headers['x-amz-date'] = signed['x-amz-date']
        next()
      },
      (error: unknown) => next(error),
    )
  }
}

/**
 * Recomputes a request's SigV4 signature with `credentials` and says whether
 * it matches: the same check the fake is due to make, done here so the
 * provider test proves its re-signed replays are valid whether or not the fake
 * checks them yet. Returns a reason when the signature is wrong.
 */
export async function checkSignature(request: Request, body: Uint8Array, credentials: Credentials, region: string): Promise<string | undefined> {
  const authorization = request.headers.get('authorization') ?? ''
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization)
  if (!match) return `no SigV4 Authorization header (got ${JSON.stringify(authorization)})`
  const [, accessKeyId, , signedRegion, service, signedHeaders] = match
  if (accessKeyId !== credentials.accessKeyId) return `signed with access key ${accessKeyId}, expected ${credentials.accessKeyId}`
  if (signedRegion !== region || service !== 'codepipeline') return `signed for ${signedRegion}/${service}, expected ${region}/codepipeline`
  const amzDate = request.headers.get('x-amz-date') ?? ''
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (!date) return `bad X-Amz-Date ${JSON.stringify(amzDate)}`
  const signingDate = new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!))
  const names = (signedHeaders ?? '').split(';')
  const headers: Record<string, string> = {}
  for (const name of names) {
    const value = request.headers.get(name)
    if (value === null) return `signed header ${name} is missing from the request`
    headers[name] = value
  }
  const url = new URL(request.url)
  const signer = new SignatureV4({ service: 'codepipeline', region, credentials, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false })
  const expected = await signer.sign(
    { method: request.method, protocol: url.protocol, hostname: url.hostname, path: url.pathname, headers, body },
    { signingDate, signableHeaders: new Set(names) },
  )
  return expected.headers.authorization === authorization ? undefined : 'signature does not match the request'
}
