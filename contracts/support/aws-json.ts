import type { MatchersV3, PactV4 } from '@pact-foundation/pact'
import { MatchersV3 as M } from '@pact-foundation/pact'

// pact-js does not export its V4 builder types from the package root; derive them.
type Unconfigured = ReturnType<PactV4['addInteraction']>
type V4RequestBuilder = Parameters<NonNullable<Parameters<Unconfigured['withRequest']>[2]>>[0]
type V4ResponseBuilder = Parameters<NonNullable<Parameters<ReturnType<Unconfigured['withRequest']>['willRespondWith']>[1]>>[0]

/**
 * Pact helpers that describe an AWS JSON 1.1 exchange truthfully even though
 * Pact's core (libpact_ffi) has no body matcher for `application/x-amz-json-1.1`
 * (it is neither "json" nor text to the core). See contracts/README.md.
 *
 * - Bodies are stored with their real content type, through the core's
 *   `pactffi_with_body` (which, for a type it does not know, keeps the bytes as
 *   they are and compares them byte for byte). `builder.body()` would go
 *   through `pactffi_with_binary_file`, which adds a content-type-sniffing rule
 *   that detects `application/json` and so can never match.
 * - A body with values that vary per run (artifact credentials) gets one regex
 *   rule on `$` that is the exact JSON text with only those values opened up.
 * - Headers are pinned with exact values or, for SigV4, with regexes.
 */

export const AWS_JSON_1_1 = 'application/x-amz-json-1.1'
export const TARGET_PREFIX = 'CodePipeline_20150709.'

/** The five job-worker operations the contract covers. */
export type JobWorkerOperation = 'PollForJobs' | 'AcknowledgeJob' | 'GetJobDetails' | 'PutJobSuccessResult' | 'PutJobFailureResult'

// --- values that vary -------------------------------------------------------

const VARIES = Symbol('varies')

/** A JSON string leaf whose value varies per run: matched by `pattern`, shown as `example`. */
export interface Varies {
  readonly [VARIES]: true
  /** A regex over the string's characters (no quotes, no anchors); it must not match a `"`. */
  readonly pattern: string
  readonly example: string
}

export function varies(pattern: string, example: string): Varies {
  if (!new RegExp(`^(?:${pattern})$`).test(example)) throw new Error(`contracts: example ${JSON.stringify(example)} does not match /${pattern}/`)
  return { [VARIES]: true, pattern, example }
}

/** A JSON value in which some string leaves may vary. */
export type Template = null | boolean | number | string | Varies | Template[] | { [key: string]: Template }

const isVaries = (value: unknown): value is Varies => typeof value === 'object' && value !== null && VARIES in value

/** The template with every varying leaf replaced by its example: what the mock server answers. */
export function exampleOf(template: Template): unknown {
  if (isVaries(template)) return template.example
  if (Array.isArray(template)) return template.map(exampleOf)
  if (typeof template === 'object' && template !== null) return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, exampleOf(v)]))
  return template
}

/** Escapes the characters Rust's `regex` crate and JS RegExp both treat as syntax. */
const escapeRegex = (text: string): string => text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')

/**
 * An anchored regex matching exactly the JSON text `JSON.stringify(exampleOf(template))`
 * would produce, except that varying leaves match their pattern. Key order and
 * every fixed value are pinned; the varying values are pinned to their shape.
 * (A body without varying values gets one too: the core then reports a
 * mismatch as the actual text against the pattern, not as two hex prefixes.)
 */
export function bodyRegex(template: Template): string {
  const holes: string[] = []
  const withHoles = (t: Template): unknown => {
    if (isVaries(t)) return `\u0001${holes.push(t.pattern) - 1}\u0001`
    if (Array.isArray(t)) return t.map(withHoles)
    if (typeof t === 'object' && t !== null) return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, withHoles(v)]))
    return t
  }
  const text = JSON.stringify(withHoles(template))
  // JSON.stringify writes U+0001 as the escape \u0001, so the holes stay recognisable.
  const escaped = escapeRegex(text).replace(/\\\\u0001(\d+)\\\\u0001/g, (_, index: string) => `(?:${holes[Number(index)]})`)
  return `^${escaped}$`
}

// --- the pact-js plumbing ------------------------------------------------------

/**
 * pact-js's V4 builders keep the core interaction in a protected field; its
 * `withRequestBody`/`withResponseBody` call `pactffi_with_body` with any content
 * type, which the public `body()` (binary, with a sniffing rule) and
 * `jsonBody()` (forces application/json) do not allow.
 */
function coreInteraction<K extends 'withRequestBody' | 'withResponseBody'>(builder: object, method: K): Record<K, (body: string, contentType: string) => boolean> {
  const interaction = (builder as { interaction?: unknown }).interaction
  if (typeof interaction !== 'object' || interaction === null || typeof (interaction as Record<string, unknown>)[method] !== 'function') {
    throw new Error(`contracts: this pact-js version no longer exposes interaction.${method} on its V4 builders; see contracts/README.md ("The quirk")`)
  }
  return interaction as Record<K, (body: string, contentType: string) => boolean>
}

/** SigV4's shape; the values differ on every run, so only the form is pinned. */
export const SIGV4_AUTHORIZATION = M.regex(
  // The four headers CodePipeline's SigV4 must cover, in SigV4's sorted order, among any others.
  '^AWS4-HMAC-SHA256 Credential=[A-Z0-9]{16,128}/[0-9]{8}/[a-z0-9-]+/codepipeline/aws4_request, ' +
    'SignedHeaders=(?:[a-z0-9-]+;)*content-type;(?:[a-z0-9-]+;)*host;(?:[a-z0-9-]+;)*x-amz-date;(?:[a-z0-9-]+;)*x-amz-target(?:;[a-z0-9-]+)*, ' +
    'Signature=[0-9a-f]{64}$',
  'AWS4-HMAC-SHA256 Credential=AKIACONFORMCONTRACT0/20260101/us-east-1/codepipeline/aws4_request, ' +
    'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' +
    '0'.repeat(64),
)
export const SIGV4_DATE = M.regex('^[0-9]{8}T[0-9]{6}Z$', '20260101T000000Z')
const REQUEST_ID = M.regex('^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', '00000000-0000-4000-8000-000000000000')

/**
 * The request as the SDK sends it: `POST /` (set by withRequest), the operation
 * in X-Amz-Target, the exact AWS JSON content type, a SigV4 signature of the
 * right shape, and the body byte for byte (as an anchored regex of its exact text).
 */
export function awsJsonRequest(builder: V4RequestBuilder, operation: JobWorkerOperation, body: Record<string, unknown>): void {
  builder.headers({
    'Content-Type': AWS_JSON_1_1,
    'X-Amz-Target': `${TARGET_PREFIX}${operation}`,
    Authorization: SIGV4_AUTHORIZATION,
    'X-Amz-Date': SIGV4_DATE,
  })
  coreInteraction(builder, 'withRequestBody').withRequestBody(JSON.stringify(body), AWS_JSON_1_1)
  // Without varying values the regex is the exact text: it pins the same bytes, and a
  // mismatch is reported as readable text instead of two hex prefixes.
  builder.matchingRules({ body: { path: '$', rules: [{ 'pact:matcher:type': 'regex', regex: bodyRegex(body as Template) } as MatchersV3.V3RegexMatcher] } })
}

export type AwsJsonAnswer =
  | { kind: 'ok'; body: Template | undefined }
  | { kind: 'error'; code: string; message: Template }

/**
 * The answer as CodePipeline gives it: AWS JSON content type and a request id;
 * an error also names its code in `x-amzn-errortype` and in the body's
 * `__type`, beside a lower-case `message`. `body: undefined` is the empty 200
 * body of the Put*Result operations (pinned as an empty body).
 */
export function awsJsonResponse(builder: V4ResponseBuilder, answer: AwsJsonAnswer): void {
  const headers: Record<string, string | MatchersV3.Matcher<string>> = { 'Content-Type': AWS_JSON_1_1, 'x-amzn-RequestId': REQUEST_ID }
  if (answer.kind === 'error') headers['x-amzn-ErrorType'] = answer.code
  builder.headers(headers)
  const template: Template | undefined = answer.kind === 'ok' ? answer.body : { __type: answer.code, message: answer.message }
  const text = template === undefined ? '' : JSON.stringify(exampleOf(template))
  coreInteraction(builder, 'withResponseBody').withResponseBody(text, AWS_JSON_1_1)
  if (template !== undefined) {
    builder.matchingRules({ body: { path: '$', rules: [{ 'pact:matcher:type': 'regex', regex: bodyRegex(template) } as MatchersV3.V3RegexMatcher] } })
  }
}

/** A body as readable text for the pact's comments (the pact itself stores it base64-encoded), long strings shortened. */
export function readable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 40)}…(${v.length} characters)` : v))
}
