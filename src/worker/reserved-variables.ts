/**
 * Which environment variables conform owns. The worker must reach only the
 * fake service, so anything an AWS SDK reads to find credentials or an
 * endpoint is either stripped from the inherited environment or set by
 * conform itself (worker contract, section 3), and a config may set neither.
 */

/** Set by conform for every worker; the values come from the run. */
export const CONFORM_SET_VARIABLES = [
  'AWS_ENDPOINT_URL_CODEPIPELINE',
  'AWS_ENDPOINT_URL_S3',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'CONFORM',
] as const

/**
 * Prefixes stripped from the inherited environment. Every `AWS_*` goes (not
 * only the credential ones) because SDKs keep adding variables that pick a
 * profile, a role or an endpoint; losing a harmless tuning knob is cheaper
 * than a test run that writes to a real pipeline.
 */
const STRIPPED_PREFIXES = ['AWS_', 'AMAZON_', 'ECS_CONTAINER_METADATA_URI'] as const

/**
 * Variables a config's `env` may not set even though they are not in
 * CONFORM_SET_VARIABLES: each can hand the SDK real credentials or a real
 * endpoint. Tuning variables (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE, ...) stay allowed.
 */
const REACHES_AWS_EXACT = new Set([
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_ENDPOINT_URL',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
])
const REACHES_AWS_PREFIXES = ['AWS_CONTAINER_', 'AWS_EC2_METADATA_', 'AWS_ENDPOINT_URL_', 'AMAZON_', 'ECS_CONTAINER_METADATA_URI']

/** True for an inherited variable that must not reach the worker. Case-insensitive: some tools read either case. */
export function isStrippedVariable(name: string): boolean {
  const upper = name.toUpperCase()
  return STRIPPED_PREFIXES.some((prefix) => upper.startsWith(prefix))
}

/**
 * Why a config's `env` may not set `name`, as a clause for an error message,
 * or undefined when it may.
 */
export function reservedVariableReason(name: string): string | undefined {
  const upper = name.toUpperCase()
  if ((CONFORM_SET_VARIABLES as readonly string[]).includes(upper)) {
    return `conform sets ${upper} itself so the worker talks only to the fake service (worker contract, section 3)`
  }
  if (REACHES_AWS_EXACT.has(upper) || REACHES_AWS_PREFIXES.some((prefix) => upper.startsWith(prefix))) {
    return `${upper} can point an AWS SDK at real credentials or a real endpoint, so conform never passes it to the worker`
  }
  return undefined
}
