import type { WireHeaders } from '../wire.js'

/** A decoded `aws-chunked` body: the payload bytes and the trailing headers (checksums). */
export interface DecodedChunks {
  bytes: Uint8Array
  trailers: Record<string, string>
}

const CRLF = [13, 10] as const

/** Whether a PutObject body is `aws-chunked` (SigV4 streaming, with or without trailers). */
export function isAwsChunked(headers: WireHeaders): boolean {
  const encoding = (headers.get('content-encoding') ?? '').split(',').map((s) => s.trim())
  return encoding.includes('aws-chunked') || (headers.get('x-amz-content-sha256') ?? '').startsWith('STREAMING-')
}

/**
 * Decodes an `aws-chunked` body: `<hex-size>[;chunk-signature=...]\r\n<data>\r\n`
 * repeated, a zero-size chunk, then optional `name:value\r\n` trailers and a
 * blank line. Chunk signatures are not verified.
 *
 * @example
 * decodeAwsChunked(new TextEncoder().encode('3\r\nabc\r\n0\r\n\r\n')).bytes // 'abc'
 */
export function decodeAwsChunked(body: Uint8Array): DecodedChunks {
  const parts: Uint8Array[] = []
  let offset = 0
  const readLine = (): string => {
    const end = indexOfCrlf(body, offset)
    if (end < 0) throw new Error(`aws-chunked body ends inside a chunk header at byte ${offset}`)
    const line = new TextDecoder().decode(body.subarray(offset, end))
    offset = end + 2
    return line
  }
  for (;;) {
    const header = readLine()
    const size = Number.parseInt(header.split(';')[0] ?? '', 16)
    if (!Number.isFinite(size) || size < 0) throw new Error(`aws-chunked chunk header '${header}' has no hexadecimal size`)
    if (size === 0) break
    if (offset + size + 2 > body.length) throw new Error(`aws-chunked chunk of ${size} bytes is truncated`)
    parts.push(body.subarray(offset, offset + size))
    offset += size
    if (body[offset] !== CRLF[0] || body[offset + 1] !== CRLF[1]) throw new Error('aws-chunked chunk data is not followed by CRLF')
    offset += 2
  }
  const trailers: Record<string, string> = {}
  while (offset < body.length) {
    const line = readLine()
    if (line === '') break
    const colon = line.indexOf(':')
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { bytes: concat(parts), trailers }
}

function indexOfCrlf(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 13 && bytes[i + 1] === 10) return i
  return -1
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
