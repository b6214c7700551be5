import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'

/** The `Checksum` SignatureV4 wants, from node:crypto (HMAC when given a secret). */
class NodeSha256 {
  readonly #secret: Uint8Array | string | undefined
  #hash: Hash | Hmac
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret = secret === undefined || typeof secret === 'string' ? secret : ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : new Uint8Array(secret)
    this.#hash = this.#fresh()
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret)
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data))
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest())
  }
  reset(): void {
    this.#hash = this.#fresh()
  }
}

export interface TestCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/**
 * Test helper: a Fetch `Request` signed by the AWS SDK's own signer
 * (@smithy/signature-v4), independent of the fake's verifier. `host` is
 * signed from the URL; every header given is signed.
 *
 * @example
 * const request = await signedRequest('http://127.0.0.1:1234/', { method: 'POST', headers, body }, WORKER_CREDENTIALS, { region: 'us-east-1', service: 'codepipeline' })
 */
export async function signedRequest(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string | Uint8Array },
  credentials: TestCredentials,
  scope: { region: string; service: string },
): Promise<Request> {
  const target = new URL(url)
  const signer = new SignatureV4({ service: scope.service, region: scope.region, credentials, sha256: NodeSha256, uriEscapePath: scope.service !== 's3', applyChecksum: false })
  const query: Record<string, string> = {}
  target.searchParams.forEach((value, name) => {
    query[name] = value
  })
  const signed = await signer.sign({
    method: init.method,
    protocol: target.protocol,
    hostname: target.hostname,
    ...(target.port !== '' ? { port: Number(target.port) } : {}),
    path: target.pathname,
    query,
    headers: { host: target.host, ...init.headers },
    body: init.body ?? '',
  })
  const headers = new Headers(signed.headers as Record<string, string>)
  return new Request(url, { method: init.method, headers, ...(init.body !== undefined && init.method !== 'GET' && init.method !== 'HEAD' ? { body: init.body } : {}) })
}

/** CodePipeline's AWS JSON headers for an operation. */
export const codePipelineHeaders = (operation: string): Record<string, string> => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': `CodePipeline_20150709.${operation}`,
})

/**
 * Test helper: a presigned GET URL made by the AWS SDK's signer (the session
 * token, when there is one, travels in the query as `X-Amz-Security-Token`).
 *
 * @example
 * await fetch(await presignedUrl(`${served.url}/bucket/key`, artifactCredentials, { region: 'us-east-1' }))
 */
export async function presignedUrl(url: string, credentials: TestCredentials, scope: { region: string }): Promise<string> {
  const target = new URL(url)
  const signer = new SignatureV4({ service: 's3', region: scope.region, credentials, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false })
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port !== '' ? { port: Number(target.port) } : {}),
      path: target.pathname,
      // As @aws-sdk/s3-request-presigner does: the payload of a presigned URL is UNSIGNED-PAYLOAD, a header neither sent nor signed.
      headers: { host: target.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn: 900, unhoistableHeaders: new Set(['x-amz-content-sha256']), unsignableHeaders: new Set(['x-amz-content-sha256']) },
  )
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(presigned.query ?? {})) if (typeof value === 'string') query.append(name, value)
  return `${target.origin}${target.pathname}?${query.toString().replace(/\+/g, '%20')}`
}
