import type { AuthProblem } from '../sigv4/authenticate.js'
import type { AwsJsonError } from './aws-json.js'

const INVALID_TOKEN = 'The security token included in the request is invalid.'
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'

/**
 * The error CodePipeline (an AWS JSON service) answers to a request that is
 * not authentic, worded as AWS words it. A signature mismatch shows the
 * canonical request and string to sign the service expected, as AWS does.
 *
 * @example
 * codePipelineAuthError({ kind: 'unknown-key' }) // { code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }
 */
export function codePipelineAuthError(problem: AuthProblem): AwsJsonError {
  switch (problem.kind) {
    case 'missing':
      return { code: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' }
    case 'malformed':
      return { code: 'IncompleteSignatureException', message: `Authorization is incomplete: ${problem.detail}.` }
    case 'wrong-service':
      return { code: 'InvalidSignatureException', message: `Credential should be scoped to correct service: '${problem.expected}'.` }
    case 'wrong-region':
      return { code: 'InvalidSignatureException', message: `Credential should be scoped to a valid region, not '${problem.got}'.` }
    case 'wrong-date':
      return {
        code: 'InvalidSignatureException',
        message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${problem.scopeDate}' != '${problem.amzDate.slice(0, 8)}', from '${problem.amzDate}'.`,
      }
    case 'unknown-key':
    case 'missing-token':
    case 'wrong-token':
      return { code: 'UnrecognizedClientException', message: INVALID_TOKEN }
    case 'signature':
      return {
        code: 'InvalidSignatureException',
        message:
          `${SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'${problem.computed.canonicalRequest}'\n\n` +
          `The String-to-Sign should have been\n'${problem.computed.stringToSign}'\n`,
      }
    case 'content-sha256':
      return { code: 'InvalidSignatureException', message: SIGNATURE_MISMATCH }
  }
}

/**
 * What CodePipeline answers a call signed with a job's artifact credentials:
 * that role may read and write the artifact bucket, nothing else.
 */
export function artifactRoleDenied(operation: string, accountId: string, jobId: string): AwsJsonError {
  const user = `arn:aws:sts::${accountId}:assumed-role/CodePipelineArtifactAccess/${jobId}`
  return { code: 'AccessDeniedException', message: `User: ${user} is not authorized to perform: codepipeline:${operation}` }
}
