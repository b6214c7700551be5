import type { JobStore } from '../jobs/job-store.js'
import { authenticate, type CredentialLookup } from '../sigv4/authenticate.js'
import { parseSigV4 } from '../sigv4/authorization-header.js'
import type { TraceJournal } from '../trace/trace-journal.js'
import { locateObject, type S3Location } from './locate-object.js'
import type { ObjectStore } from './object-store.js'
import { getObject, putObject, type S3Answer } from './object-operations.js'
import { s3AuthError } from './s3-auth-error.js'
import { s3ErrorResponse } from './s3-xml.js'
import { multipartOperationOf, type MultipartUploads } from './multipart-uploads.js'
import { faultDelay } from '../faults/fault-answer.js'
import { CLOSED, type WireAnswer, type WireHeaders, type WireRequest, type WireRequestHead, type WireRoute } from '../wire.js'
import type { FaultPlan } from '../faults/fault-plan.js'
import { describeFault } from '../faults/fault-script.js'

export interface S3Context {
  store: JobStore
  objects: ObjectStore
  /** Multipart uploads in progress; the object is written to `objects` on completion. */
  uploads: MultipartUploads
  trace: TraceJournal
  /** The region the service runs in: the only one a credential scope may name. */
  region: string
  lookup: CredentialLookup
  /** 'enforce' (default) answers an unauthentic request with S3's error; 'record' only records it. */
  signatures?: 'enforce' | 'record'
  /** Fault scripts played before the faithful answer (errors in S3's XML, delays, dropped responses, resets). */
  faults?: FaultPlan
}

const MULTIPART = new Set(['CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'AbortMultipartUpload'])

/** Headers kept in the trace: everything but the secrets. */
const HIDDEN_HEADERS = new Set(['authorization', 'x-amz-security-token'])

function operationOf(method: string, location: S3Location, headers: WireHeaders, url: URL): string {
  if (location.key !== '') {
    const multipart = multipartOperationOf(method, url)
    if (multipart) return multipart
  }
  if (location.key === '') return method === 'HEAD' ? 'HeadBucket' : method === 'GET' ? 'ListObjects' : `${method} bucket`
  if (method === 'GET') return 'GetObject'
  if (method === 'HEAD') return 'HeadObject'
  if (method === 'PUT') return headers.has('x-amz-copy-source') ? 'CopyObject' : 'PutObject'
  if (method === 'DELETE') return 'DeleteObject'
  return `${method} object`
}

/**
 * The route answering the fake S3 on any origin (both transports serve it): GetObject, HeadObject
 * and PutObject on the jobs' artifact keys, signed (SigV4, verified) with that
 * job's artifact credentials and session token. Every call is recorded with
 * the job owning the key and who signed it. Credentials past their lifetime
 * (the `credentialLifetimeMs` setting) are answered ExpiredToken.
 */
export function s3Route(context: S3Context): WireRoute {
  const { store, objects } = context
  const isS3Request = (request: WireRequestHead): boolean => {
    if (request.headers.has('x-amz-target')) return false
    const url = new URL(request.url)
    const location = locateObject(url)
    if (!location) return false
    return location.style === 'virtual-host' || parseSigV4(request)?.service === 's3' || store.knowsBucket(location.bucket) || objects.hasBucket(location.bucket)
  }
  return { matches: isS3Request, answer: (request) => answerCall(request, context) }
}

async function answerCall(request: WireRequest, context: S3Context): Promise<WireAnswer> {
  const { store, objects, trace } = context
  const location = locateObject(new URL(request.url)) as S3Location
  const { bucket, key } = location
  const operation = operationOf(request.method, location, request.headers, new URL(request.url))
  const writes = operation === 'PutObject' || MULTIPART.has(operation)
  const auth = authenticate({
    request,
    service: 's3',
    region: context.region,
    lookup: context.lookup,
  })
  const { accessKeyId } = auth
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    if (!HIDDEN_HEADERS.has(name)) headers[name] = value
  })
  const refused = auth.problem !== undefined && context.signatures !== 'record' ? auth.problem : undefined
  const caller = refused === undefined && auth.credential?.signer === 'artifact' ? store.get(auth.credential.jobId ?? '') : undefined
  const owners = store.ownersOf(bucket, key, writes ? 'output' : 'any')
  const permitted = caller !== undefined && owners.includes(caller)
  // A call signed with a job's artifact credentials is about that job even where it is denied (a key the job never named).
  const jobId = permitted ? caller.spec.id : ((owners[0] ?? store.ownersOf(bucket, key)[0])?.spec.id ?? caller?.spec.id)

  const issued = caller !== undefined ? store.byAccessKeyId(accessKeyId)?.credentials : undefined
  const expired = caller !== undefined && issued !== undefined && store.credentialsExpired(caller, issued)

  const fault = context.faults && context.faults.size > 0 ? context.faults.take(operation, jobId) : undefined
  if (fault?.kind === 'delay') await faultDelay(fault.ms)
  let answer: S3Answer
  if (fault?.kind === 'error') {
    answer = { error: s3FaultError(fault.error) }
  } else if (fault?.kind === 'reset') {
    answer = { error: { status: 0, code: 'reset', message: 'connection closed without an answer' } }
  } else if (refused !== undefined) {
    answer = { error: s3AuthError(refused, accessKeyId, parseSigV4(request)?.signature) }
  } else if (expired) {
    // Checked with the signature, before authorisation, as S3 does for an expired session.
    answer = { error: { status: 400, code: 'ExpiredToken', message: 'The provided token has expired.' } }
  } else if (operation !== 'GetObject' && operation !== 'HeadObject' && !writes) {
    answer = { error: { status: 501, code: 'NotImplemented', message: `conform's fake S3 does not implement ${operation}` } }
  } else if (!permitted) {
    answer = { error: { status: 403, code: 'AccessDenied', message: 'Access Denied' } }
  } else if (operation === 'PutObject') {
    answer = putObject(request, location, objects)
  } else if (writes) {
    answer = context.uploads.answer(operation, request, location)
  } else {
    answer = getObject(request, location, objects)
  }

  trace.record({
    service: 's3',
    operation,
    ...(jobId !== undefined ? { jobId } : {}),
    ...(accessKeyId !== undefined ? { accessKeyId } : {}),
    signer: auth.signer,
    ...(auth.signatureValid !== undefined ? { signatureValid: auth.signatureValid } : {}),
    ...(fault ? { fault: describeFault(fault) } : {}),
    request: { bucket, key, headers, ...answer.requestDetails },
    response:
      fault?.kind === 'reset'
        ? { status: 0 }
        : 'error' in answer
        ? { status: answer.error.status, errorType: answer.error.code, body: { code: answer.error.code, message: answer.error.message } }
        : { status: answer.response.status, body: answer.description },
  })
  if (fault?.kind === 'reset' || fault?.kind === 'drop-response') return CLOSED
  if ('error' in answer) return s3ErrorResponse({ ...answer.error, method: request.method, ...(refused === undefined ? { key } : {}) })
  return answer.response
}

/** S3's own names for the transient faults: SlowDown (503) for throttling, InternalError (500), ServiceUnavailable (503). */
function s3FaultError(error: string): { status: number; code: string; message: string } {
  switch (error) {
    case 'ThrottlingException':
      return { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' }
    case 'InternalFailure':
      return { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' }
    case 'ServiceUnavailable':
      return { status: 503, code: 'ServiceUnavailable', message: 'Service is unable to handle request.' }
    case 'AccessDeniedException':
      return { status: 403, code: 'AccessDenied', message: 'Access Denied' }
    default:
      return { status: 400, code: 'InvalidRequest', message: `conform fault injection: ${error}` }
  }
}
