import type { AuthProblem } from '../sigv4/authenticate.js'

/** An S3 error answer: status, code, message and the extra XML elements S3 adds. */
export interface S3Error {
  status: number
  code: string
  message: string
  details?: Record<string, string>
}

const MALFORMED = 'The authorization header is malformed;'

/**
 * The error S3 answers to a request that is not authentic, worded as S3 words
 * it: 403 for an unknown key or a wrong signature (with the string to sign
 * and canonical request S3 expected), 400 for a malformed header, a wrong
 * scope or a bad session token.
 *
 * @example
 * s3AuthError({ kind: 'missing' }, undefined, undefined) // { status: 403, code: 'AccessDenied', message: 'Access Denied' }
 */
export function s3AuthError(problem: AuthProblem, accessKeyId: string | undefined, signatureProvided: string | undefined): S3Error {
  switch (problem.kind) {
    case 'missing':
      return { status: 403, code: 'AccessDenied', message: 'Access Denied' }
    case 'malformed':
      return { status: 400, code: 'AuthorizationHeaderMalformed', message: `${MALFORMED} ${problem.detail}` }
    case 'wrong-service':
      return { status: 400, code: 'AuthorizationHeaderMalformed', message: `${MALFORMED} incorrect service "${problem.got}". This endpoint belongs to "${problem.expected}".` }
    case 'wrong-region':
      return {
        status: 400,
        code: 'AuthorizationHeaderMalformed',
        message: `${MALFORMED} the region '${problem.got}' is wrong; expecting '${problem.expected}'`,
        details: { Region: problem.expected },
      }
    case 'wrong-date':
      return { status: 400, code: 'AuthorizationHeaderMalformed', message: `${MALFORMED} Invalid credential date. Date is not the same as X-Amz-Date.` }
    case 'unknown-key':
      return {
        status: 403,
        code: 'InvalidAccessKeyId',
        message: 'The AWS Access Key Id you provided does not exist in our records.',
        details: { AWSAccessKeyId: accessKeyId ?? '' },
      }
    case 'missing-token':
    case 'wrong-token':
      return { status: 400, code: 'InvalidToken', message: 'The provided token is malformed or otherwise invalid.' }
    case 'signature':
      return {
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        details: {
          AWSAccessKeyId: accessKeyId ?? '',
          StringToSign: problem.computed.stringToSign,
          SignatureProvided: signatureProvided ?? '',
          CanonicalRequest: problem.computed.canonicalRequest,
        },
      }
    case 'content-sha256':
      return {
        status: 400,
        code: 'XAmzContentSHA256Mismatch',
        message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
        details: { ClientComputedContentSHA256: problem.claimed, S3ComputedContentSHA256: problem.actual },
      }
  }
}
