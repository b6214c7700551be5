import { decodeAwsChunked, isAwsChunked } from './aws-chunked.js'
import type { S3Location } from './locate-object.js'
import type { ObjectStore, StoredObject } from './object-store.js'
import { s3RequestId } from './s3-xml.js'
import type { WireRequest, WireResponse } from '../wire.js'

/** What an S3 operation answers, plus what the trace should say about it. */
export type S3Answer = (
  | { response: WireResponse; description: Record<string, unknown> }
  | { error: { status: number; code: string; message: string; details?: Record<string, string> } }
) & { requestDetails?: Record<string, unknown> }

const SSE_HEADERS = ['x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-server-side-encryption-context']

function objectHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-request-id': s3RequestId(),
    'x-amz-server-side-encryption': 'AES256',
  }
  for (const name of SSE_HEADERS) {
    const value = object.headers[name]
    if (value !== undefined) headers[name] = value
  }
  return headers
}

/** GetObject / HeadObject, with a single `Range: bytes=a-b` honoured. */
export function getObject(request: WireRequest, location: S3Location, objects: ObjectStore): S3Answer {
  const object = objects.get(location.bucket, location.key)
  if (!object) return { error: { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' } }
  const headers = objectHeaders(object)
  let bytes = object.bytes
  let status = 200
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '')
  if (range && object.bytes.length > 0 && (range[1] !== '' || range[2] !== '')) {
    const size = object.bytes.length
    const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1])
    const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1)
    if (start >= size || start > end) return { error: { status: 416, code: 'InvalidRange', message: 'The requested range is not satisfiable' } }
    bytes = object.bytes.subarray(start, end + 1)
    status = 206
    headers['content-range'] = `bytes ${start}-${end}/${size}`
  }
  headers['content-length'] = String(bytes.length)
  const body = request.method === 'HEAD' ? null : bytes.slice()
  return { response: { status, headers, body }, description: { contentLength: bytes.length, etag: object.etag } }
}

/** PutObject, decoding `aws-chunked` bodies (streaming SigV4, checksum trailers). */
export function putObject(request: WireRequest, location: S3Location, objects: ObjectStore): S3Answer {
  let bytes: Uint8Array = request.body
  let trailers: Record<string, string> = {}
  if (isAwsChunked(request.headers)) {
    try {
      ;({ bytes, trailers } = decodeAwsChunked(bytes))
    } catch (error) {
      return { error: { status: 400, code: 'IncompleteBody', message: `The request body could not be decoded: ${(error as Error).message}` } }
    }
  }
  const kept: Record<string, string> = { ...trailers }
  request.headers.forEach((value, name) => {
    if (SSE_HEADERS.includes(name) || name.startsWith('x-amz-checksum-')) kept[name] = value
  })
  const contentType = request.headers.get('content-type')
  const object = objects.put(location.bucket, location.key, bytes, { ...(contentType ? { contentType } : {}), headers: kept })
  const headers: Record<string, string> = {
    etag: object.etag,
    'x-amz-request-id': s3RequestId(),
    'x-amz-server-side-encryption': kept['x-amz-server-side-encryption'] ?? 'AES256',
  }
  for (const [name, value] of Object.entries(kept)) if (name.startsWith('x-amz-checksum-') || SSE_HEADERS.includes(name)) headers[name] = value
  return {
    response: { status: 200, headers, body: null },
    description: { contentLength: bytes.length, etag: object.etag },
    requestDetails: { contentLength: bytes.length, ...(Object.keys(trailers).length > 0 ? { trailers } : {}) },
  }
}
