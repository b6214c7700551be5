import { randomUUID } from 'node:crypto'
import type { WireResponse } from '../wire.js'

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1'

/** An AWS JSON error as an operation reports it; the handler turns it into an answer. */
export interface AwsJsonError {
  code: string
  message: string
  /** HTTP status; 400 unless said otherwise (InternalFailure is 500). */
  status?: number
}

/** What an operation answers: a body (undefined = empty body) or an error, and the job it concerns. */
export type OperationResult =
  | { ok: true; body: Record<string, unknown> | undefined; jobId?: string }
  | { ok: false; error: AwsJsonError; jobId?: string }

export const success = (body: Record<string, unknown> | undefined, jobId?: string): OperationResult =>
  jobId === undefined ? { ok: true, body } : { ok: true, body, jobId }

export const failure = (code: string, message: string, jobId?: string): OperationResult =>
  jobId === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message }, jobId }

/** A 200 answer; `undefined` gives the empty body AWS sends for Put*Result. */
export function jsonResponse(body: Record<string, unknown> | undefined): WireResponse {
  return { status: 200, headers: { 'content-type': AWS_JSON_CONTENT_TYPE, 'x-amzn-requestid': randomUUID() }, body: body === undefined ? '' : JSON.stringify(body) }
}

/**
 * An error answer both SDK families read: the code in the body `__type` (botocore
 * reads only that) and in `x-amzn-errortype` (the JS and Go SDKs read it first).
 */
export function errorResponse(error: AwsJsonError): WireResponse {
  return {
    status: error.status ?? 400,
    headers: { 'content-type': AWS_JSON_CONTENT_TYPE, 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  }
}
