import { randomBytes } from 'node:crypto'
import type { WireResponse } from '../wire.js'

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

/** A fresh S3-style request id (16 upper-case hex characters). */
export const s3RequestId = (): string => randomBytes(8).toString('hex').toUpperCase()

/**
 * An S3 REST error: XML `<Error>` body (none for HEAD, as S3 does), `x-amz-request-id`.
 * `details` become extra elements, as S3 adds `AWSAccessKeyId`, `StringToSign`, `Region`, ... to some errors.
 */
export function s3ErrorResponse(options: { status: number; code: string; message: string; method: string; key?: string; details?: Record<string, string> }): WireResponse {
  const requestId = s3RequestId()
  const headers = { 'content-type': 'application/xml', 'x-amz-request-id': requestId }
  if (options.method === 'HEAD') return { status: options.status, headers, body: null }
  const key = options.key !== undefined ? `<Key>${escapeXml(options.key)}</Key>` : ''
  const details = Object.entries(options.details ?? {})
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('')
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${options.code}</Code><Message>${escapeXml(options.message)}</Message>` +
    `${key}${details}<RequestId>${requestId}</RequestId></Error>`
  return { status: options.status, headers, body }
}
