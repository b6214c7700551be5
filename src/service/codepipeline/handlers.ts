import { authenticate, type Authentication, type CredentialLookup } from '../sigv4/authenticate.js'
import type { TraceJournal } from '../trace/trace-journal.js'
import { faultDelay, faultError } from '../faults/fault-answer.js'
import type { FaultPlan } from '../faults/fault-plan.js'
import { describeFault, type Fault } from '../faults/fault-script.js'
import { sdkAttemptOf } from '../faults/sdk-attempt.js'
import { artifactRoleDenied, codePipelineAuthError } from './auth-error.js'
import { errorResponse, jsonResponse, type OperationResult } from './aws-json.js'
import { acknowledgeJob } from './operations/acknowledge-job.js'
import { getJobDetails } from './operations/get-job-details.js'
import { pollForJobs } from './operations/poll-for-jobs.js'
import { putJobFailureResult } from './operations/put-job-failure-result.js'
import { putJobSuccessResult } from './operations/put-job-success-result.js'
import {
  acknowledgeThirdPartyJob,
  getThirdPartyJobDetails,
  pollForThirdPartyJobs,
  putThirdPartyJobFailureResult,
  putThirdPartyJobSuccessResult,
} from './operations/third-party-operations.js'
import type { Operation, OperationContext } from './operation.js'
import { setBounded } from '../bounded-map.js'
import { bodyText, CLOSED, type WireAnswer, type WireRequest, type WireRequestHead, type WireRoute } from '../wire.js'

export const TARGET_PREFIX = 'CodePipeline_20150709.'

const operations: Record<string, Operation> = {
  PollForJobs: pollForJobs,
  AcknowledgeJob: acknowledgeJob,
  GetJobDetails: getJobDetails,
  PutJobSuccessResult: putJobSuccessResult,
  PutJobFailureResult: putJobFailureResult,
  PollForThirdPartyJobs: pollForThirdPartyJobs,
  GetThirdPartyJobDetails: getThirdPartyJobDetails,
  AcknowledgeThirdPartyJob: acknowledgeThirdPartyJob,
  PutThirdPartyJobSuccessResult: putThirdPartyJobSuccessResult,
  PutThirdPartyJobFailureResult: putThirdPartyJobFailureResult,
}

/** The CodePipeline operations the fake serves, by name. */
export const SERVED_OPERATIONS: readonly string[] = Object.keys(operations)

export interface CodePipelineContext extends OperationContext {
  trace: TraceJournal
  /** The region the service runs in: the only one a credential scope may name. */
  region: string
  lookup: CredentialLookup
  /** 'enforce' (default) answers an unauthentic request with AWS's error; 'record' only records it. */
  signatures?: 'enforce' | 'record'
  /** Fault scripts (throttling, 5xx, delays, dropped responses, resets) played before the faithful answer. */
  faults?: FaultPlan
}

/** A request is CodePipeline's when it names a target, or at least speaks AWS JSON. */
function isCodePipelineRequest(request: WireRequestHead): boolean {
  if (request.method !== 'POST') return false
  if (request.headers.has('x-amz-target')) return true
  return (request.headers.get('content-type') ?? '').includes('application/x-amz-json')
}

/**
 * The route answering every CodePipeline job-worker call, on any origin (both
 * transports serve it: `mswHandler` in-process, `serveOnLoopback` directly).
 * Each call is authenticated (SigV4, against the worker's and the jobs'
 * credentials) before it is answered; every call, refused and malformed ones
 * included, is recorded in the trace with who signed it.
 *
 * @example
 * setupServer(mswHandler(codePipelineRoute({ store, actionTypes, trace, region: 'us-east-1', lookup })))
 */
export function codePipelineRoute(context: CodePipelineContext): WireRoute {
  return { matches: isCodePipelineRequest, answer: (request) => answerCall(request, context) }
}

async function answerCall(request: WireRequest, context: CodePipelineContext): Promise<WireAnswer> {
  const target = request.headers.get('x-amz-target') ?? ''
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target
  const auth = authenticate({ request, service: 'codepipeline', region: context.region, lookup: context.lookup })
  const name = operation === '' ? '(no X-Amz-Target)' : operation
  const text = bodyText(request)
  const fault = context.faults && context.faults.size > 0 ? context.faults.take(name, requestJobId(text)) : undefined
  if (fault?.kind === 'delay') await faultDelay(fault.ms)
  const { input, result } = answerOrFault(fault, operation, text, auth, context)
  const jobId = result.jobId ?? (isObject(input) && typeof input.jobId === 'string' ? input.jobId : undefined)
  const sdkAttempt = sdkAttemptOf(request.headers)
  const entry = context.trace.record({
    service: 'codepipeline',
    operation: name,
    ...(jobId !== undefined ? { jobId } : {}),
    ...(auth.accessKeyId !== undefined ? { accessKeyId: auth.accessKeyId } : {}),
    signer: auth.signer,
    ...(auth.signatureValid !== undefined ? { signatureValid: auth.signatureValid } : {}),
    ...(sdkAttempt ? { sdkAttempt } : {}),
    ...(fault ? { fault: describeFault(fault) } : {}),
    request: input,
    response:
      fault?.kind === 'reset'
        ? { status: 0 }
        : result.ok
          ? { status: 200, ...(result.body !== undefined ? { body: result.body } : {}) }
          : { status: result.error.status ?? 400, errorType: result.error.code, body: { __type: result.error.code, message: result.error.message } },
  })
  const hold = context.trace.answerHold(entry)
  if (hold) await hold
  if (fault?.kind === 'reset' || fault?.kind === 'drop-response') return CLOSED
  return result.ok ? jsonResponse(result.body) : errorResponse(result.error)
}

/** A fault that answers an error or closes the connection keeps the call from being applied; drop-response applies it first. */
function answerOrFault(fault: Fault | undefined, operation: string, text: string, auth: Authentication, context: CodePipelineContext): { input: unknown; result: OperationResult } {
  if (fault?.kind === 'error' || fault?.kind === 'reset') {
    const parsed = parseBody(text)
    const input = parsed.ok ? parsed.value : { raw: text }
    const jobId = isObject(input) && typeof input.jobId === 'string' ? input.jobId : undefined
    if (fault.kind === 'reset') return { input, result: { ok: true, body: undefined, ...(jobId !== undefined ? { jobId } : {}) } }
    return { input, result: { ok: false, error: faultError(fault.error, operation), ...(jobId !== undefined ? { jobId } : {}) } }
  }
  return parseAndAnswer(operation, text, auth, context)
}

/** The job a request names, read cheaply: a fault script bound to a job matches on it. */
function requestJobId(text: string): string | undefined {
  if (!text.includes('"jobId"')) return undefined
  const parsed = parseBody(text)
  return parsed.ok && isObject(parsed.value) && typeof parsed.value.jobId === 'string' ? parsed.value.jobId : undefined
}

function parseAndAnswer(operation: string, text: string, auth: Authentication, context: CodePipelineContext): { input: unknown; result: OperationResult } {
  const parsed = parseBody(text)
  const input = parsed.ok ? parsed.value : { raw: text }
  // As on AWS, a request is authenticated (and authorised) before its body is read.
  if (auth.problem && context.signatures !== 'record') return { input, result: { ok: false, error: codePipelineAuthError(auth.problem) } }
  if (auth.credential?.signer === 'artifact') {
    const jobId = auth.credential.jobId ?? ''
    const accountId = context.store.get(jobId)?.spec.accountId ?? '000000000000'
    return { input, result: { ok: false, error: artifactRoleDenied(operation || '(none)', accountId, jobId) } }
  }
  if (!parsed.ok) return { input, result: { ok: false, error: { code: 'SerializationException', message: 'Request body is not valid JSON' } } }
  return { input, result: answer(operation, input, context) }
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: {} }
  const memo = text.length <= MAX_MEMO_TEXT
  const known = memo ? parsedBodies.get(text) : undefined
  if (known) return known
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false }
  }
  return memo ? setBounded(parsedBodies, text, { ok: true, value: deepFreeze(value) }, MAX_MEMO_ENTRIES) : { ok: true, value }
}

/**
 * Bodies already parsed, by their text: a polling worker sends the same
 * PollForJobs body again and again, and the parsed value (frozen, so the
 * calls that share it cannot change it) also carries its validation verdict
 * (`validated` memoises by value). Bounded; small bodies only.
 */
const parsedBodies = new Map<string, { ok: true; value: unknown }>()
const MAX_MEMO_TEXT = 4096
const MAX_MEMO_ENTRIES = 256

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member)
    Object.freeze(value)
  }
  return value
}

function answer(operation: string, input: unknown, context: OperationContext): OperationResult {
  if (!isObject(input)) return { ok: false, error: { code: 'SerializationException', message: 'Request body must be a JSON object' } }
  const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined
  if (!run) return { ok: false, error: { code: 'UnknownOperationException', message: `Operation ${operation || '(none)'} is not supported by this service` } }
  try {
    return run(input, context)
  } catch (error) {
    return { ok: false, error: { code: 'InternalFailure', message: `conform fake service failed: ${String(error)}`, status: 500 } }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
