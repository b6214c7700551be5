import { http, type RequestHandler } from 'msw'
import { parseSigV4 } from '../sigv4/authorization-header.js'
import type { TraceJournal } from '../trace/trace-journal.js'
import { errorResponse, jsonResponse, type OperationResult } from './aws-json.js'
import { acknowledgeJob } from './operations/acknowledge-job.js'
import { getJobDetails } from './operations/get-job-details.js'
import { pollForJobs } from './operations/poll-for-jobs.js'
import { putJobFailureResult } from './operations/put-job-failure-result.js'
import { putJobSuccessResult } from './operations/put-job-success-result.js'
import type { Operation, OperationContext } from './operation.js'

export const TARGET_PREFIX = 'CodePipeline_20150709.'

const operations: Record<string, Operation> = {
  PollForJobs: pollForJobs,
  AcknowledgeJob: acknowledgeJob,
  GetJobDetails: getJobDetails,
  PutJobSuccessResult: putJobSuccessResult,
  PutJobFailureResult: putJobFailureResult,
}

/** A request is CodePipeline's when it names a target, or at least speaks AWS JSON. */
function isCodePipelineRequest(request: Request): boolean {
  if (request.method !== 'POST') return false
  if (request.headers.has('x-amz-target')) return true
  return (request.headers.get('content-type') ?? '').includes('application/x-amz-json')
}

/**
 * The msw handler answering every CodePipeline job-worker call, on any origin.
 * Each call, malformed ones included, is recorded in the trace.
 *
 * @example
 * setupServer(codePipelineHandler({ store, actionTypes, trace }))
 */
export function codePipelineHandler(context: OperationContext & { trace: TraceJournal }): RequestHandler {
  return http.post(({ request }) => isCodePipelineRequest(request), async ({ request }) => {
    const target = request.headers.get('x-amz-target') ?? ''
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target
    const accessKeyId = parseSigV4(request)?.accessKeyId
    const text = await request.text()
    const { input, result } = parseAndAnswer(operation, text, context)
    const jobId = result.jobId ?? (isObject(input) && typeof input.jobId === 'string' ? input.jobId : undefined)
    context.trace.record({
      service: 'codepipeline',
      operation: operation === '' ? '(no X-Amz-Target)' : operation,
      ...(jobId !== undefined ? { jobId } : {}),
      ...(accessKeyId !== undefined ? { accessKeyId } : {}),
      request: input,
      response: result.ok
        ? { status: 200, ...(result.body !== undefined ? { body: result.body } : {}) }
        : { status: result.error.status ?? 400, errorType: result.error.code, body: { __type: result.error.code, message: result.error.message } },
    })
    return result.ok ? jsonResponse(result.body) : errorResponse(result.error)
  })
}

function parseAndAnswer(operation: string, text: string, context: OperationContext): { input: unknown; result: OperationResult } {
  let input: unknown
  try {
    input = text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    return { input: { raw: text }, result: { ok: false, error: { code: 'SerializationException', message: 'Request body is not valid JSON' } } }
  }
  return { input, result: answer(operation, input, context) }
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
