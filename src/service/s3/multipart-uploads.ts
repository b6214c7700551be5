import { createHash, randomBytes } from 'node:crypto'
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.js'
import type { S3Location } from './locate-object.js'
import type { S3Answer } from './object-operations.js'
import type { ObjectStore } from './object-store.js'
import { s3RequestId } from './s3-xml.js'
import { setBounded } from '../bounded-map.js'
import { bodyText, headerRecord, type WireRequest, type WireResponse } from '../wire.js'

/** Uploads begun and neither completed nor aborted are forgotten past this many, oldest first: the store stays bounded. */
const MAX_OPEN_UPLOADS = 256
/** Every part but the last must be at least 5 MiB, as S3 requires. */
const MIN_PART_BYTES = 5 * 1024 * 1024
const SSE_HEADERS = ['x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-server-side-encryption-context']

interface OpenUpload {
  bucket: string
  key: string
  contentType: string | undefined
  /** SSE and checksum-algorithm headers of CreateMultipartUpload: the object is written with them. */
  headers: Record<string, string>
  parts: Map<number, { bytes: Uint8Array; etag: string }>
}

const xml = (body: string): WireResponse => ({
  status: 200,
  headers: { 'content-type': 'application/xml', 'x-amz-request-id': s3RequestId() },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
})
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const md5 = (bytes: Uint8Array): Buffer => createHash('md5').update(bytes).digest()

/** The S3 multipart operation a request is, from its method and query, or undefined. */
export function multipartOperationOf(method: string, url: URL): string | undefined {
  const query = url.searchParams
  if (method === 'POST' && query.has('uploads')) return 'CreateMultipartUpload'
  if (!query.has('uploadId')) return undefined
  if (method === 'PUT' && query.has('partNumber')) return 'UploadPart'
  if (method === 'POST') return 'CompleteMultipartUpload'
  if (method === 'DELETE') return 'AbortMultipartUpload'
  if (method === 'GET') return 'ListParts'
  return undefined
}

/**
 * Multipart uploads as the SDKs send them (`@aws-sdk/lib-storage`, boto3's
 * upload_file over 8 MB): parts kept until CompleteMultipartUpload writes the
 * object, with the ETag S3 gives (MD5 of the parts' MD5s, `-N`), and the SSE
 * headers of CreateMultipartUpload recorded on it.
 */
export class MultipartUploads {
  readonly #open = new Map<string, OpenUpload>()

  constructor(private readonly objects: ObjectStore) {}

  answer(operation: string, request: WireRequest, location: S3Location): S3Answer {
    const url = new URL(request.url)
    if (operation === 'CreateMultipartUpload') return this.#create(request, location)
    const uploadId = url.searchParams.get('uploadId') ?? ''
    const upload = this.#open.get(uploadId)
    if (!upload || upload.bucket !== location.bucket || upload.key !== location.key)
      return { error: { status: 404, code: 'NoSuchUpload', message: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.' } }
    if (operation === 'UploadPart') return this.#part(request, upload, Number(url.searchParams.get('partNumber')))
    if (operation === 'CompleteMultipartUpload') return this.#complete(request, uploadId, upload)
    if (operation === 'AbortMultipartUpload') {
      this.#open.delete(uploadId)
      return { response: { status: 204, headers: { 'x-amz-request-id': s3RequestId() }, body: null }, description: { aborted: uploadId } }
    }
    return { error: { status: 501, code: 'NotImplemented', message: `conform's fake S3 does not implement ${operation}` } }
  }

  #create(request: WireRequest, location: S3Location): S3Answer {
    const uploadId = randomBytes(24).toString('base64url')
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      if (SSE_HEADERS.includes(name) || name === 'x-amz-checksum-algorithm') headers[name] = value
    })
    setBounded(this.#open, uploadId, { bucket: location.bucket, key: location.key, contentType: request.headers.get('content-type') ?? undefined, headers, parts: new Map() }, MAX_OPEN_UPLOADS)
    const response = xml(
      `<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${escapeXml(location.bucket)}</Bucket><Key>${escapeXml(location.key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
    )
    for (const [name, value] of Object.entries(headers)) response.headers[name] = value
    return { response, description: { uploadId }, requestDetails: { headers } }
  }

  #part(request: WireRequest, upload: OpenUpload, partNumber: number): S3Answer {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000)
      return { error: { status: 400, code: 'InvalidArgument', message: 'Part number must be an integer between 1 and 10000, inclusive' } }
    let bytes: Uint8Array = request.body
    let trailers: Record<string, string> = {}
    if (isAwsChunked(request.headers)) {
      try {
        ;({ bytes, trailers } = decodeAwsChunked(bytes))
      } catch (error) {
        return { error: { status: 400, code: 'IncompleteBody', message: `The request body could not be decoded: ${(error as Error).message}` } }
      }
    }
    const etag = `"${md5(bytes).toString('hex')}"`
    upload.parts.set(partNumber, { bytes, etag })
    const headers: Record<string, string> = { etag, 'x-amz-request-id': s3RequestId() }
    for (const [name, value] of Object.entries({ ...trailers, ...headerRecord(request.headers) })) if (name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-algorithm') headers[name] = value
    return { response: { status: 200, headers, body: null }, description: { partNumber, contentLength: bytes.length, etag }, requestDetails: { partNumber, contentLength: bytes.length } }
  }

  #complete(request: WireRequest, uploadId: string, upload: OpenUpload): S3Answer {
    const body = bodyText(request)
    const numbers = [...body.matchAll(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/g)].map((match) => Number(match[1]))
    if (numbers.length === 0) return { error: { status: 400, code: 'MalformedXML', message: 'The XML you provided was not well-formed or did not validate against our published schema' } }
    if (numbers.some((n, i) => i > 0 && n <= (numbers[i - 1] as number))) return { error: { status: 400, code: 'InvalidPartOrder', message: 'The list of parts was not in ascending order. The parts list must be specified in order by part number.' } }
    const parts = numbers.map((n) => upload.parts.get(n))
    if (parts.some((part) => part === undefined)) return { error: { status: 400, code: 'InvalidPart', message: 'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.' } }
    const chosen = parts as { bytes: Uint8Array; etag: string }[]
    if (chosen.slice(0, -1).some((part) => part.bytes.length < MIN_PART_BYTES))
      return { error: { status: 400, code: 'EntityTooSmall', message: 'Your proposed upload is smaller than the minimum allowed object size.' } }
    const bytes = Buffer.concat(chosen.map((part) => part.bytes))
    const etag = `"${md5(Buffer.concat(chosen.map((part) => md5(part.bytes)))).toString('hex')}-${chosen.length}"`
    const stored = this.objects.put(upload.bucket, upload.key, bytes, { ...(upload.contentType ? { contentType: upload.contentType } : {}), headers: upload.headers })
    stored.etag = etag
    this.#open.delete(uploadId)
    const response = xml(
      `<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Location>${escapeXml(`/${upload.bucket}/${upload.key}`)}</Location><Bucket>${escapeXml(upload.bucket)}</Bucket><Key>${escapeXml(upload.key)}</Key><ETag>${escapeXml(etag)}</ETag></CompleteMultipartUploadResult>`,
    )
    for (const name of SSE_HEADERS) if (upload.headers[name] !== undefined) response.headers[name] = upload.headers[name]
    return { response, description: { parts: chosen.length, contentLength: bytes.length, etag }, requestDetails: { parts: numbers } }
  }
}
