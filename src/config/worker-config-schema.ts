import { z } from 'zod'
import { CAPABILITIES } from '../rules/capability.js'
import { reservedVariableReason } from '../worker/reserved-variables.js'
import { ACTION_CATEGORIES, ACTION_OWNERS, WORKER_PROFILES, type WorkerConfig, type WorkerConfigInput } from './worker-config.js'

/**
 * The config's schema. Each node carries, as its error, the sentence that
 * finishes `field "x" ...` in a CONFORM_CONFIG_INVALID message, so what a
 * field must be is written once, next to the rule that checks it. Objects
 * are strict: a typo such as `comand` is an error, not a silently ignored key.
 */

const MAX_TIMER_MS = 2 ** 31 - 1 // Node clamps longer timers to 1 ms

const must = (sentence: string): { error: string } => ({ error: sentence })

const COMMAND = must('must be a non-empty argv array of non-empty strings, such as ["python3", "worker.py"], or a non-empty shell command string')
const ARGV_ELEMENT = must('must be a non-empty string (each element of the argv array)')
const ID_PART = /^[0-9A-Za-z_-]+$/
const identifier = (max: number): z.ZodString => {
  const sentence = must(`must match [0-9A-Za-z_-]{1,${max}}`)
  return z.string(sentence).min(1, sentence).max(max, sentence).regex(ID_PART, sentence)
}
const milliseconds = (min: number, fallback: number): z.ZodDefault<z.ZodNumber> => {
  const sentence = must(`must be a whole number of milliseconds from ${min} to ${MAX_TIMER_MS}`)
  return z.number(sentence).int(sentence).min(min, sentence).max(MAX_TIMER_MS, sentence).default(fallback)
}

const count = (min: number, max: number, fallback: number, what: string): z.ZodDefault<z.ZodNumber> => {
  const sentence = must(`must be a whole number from ${min} to ${max} (${what})`)
  return z.number(sentence).int(sentence).min(min, sentence).max(max, sentence).default(fallback)
}

const actionType = z.strictObject(
  {
    category: z.enum(ACTION_CATEGORIES, must(`must be one of ${ACTION_CATEGORIES.join(', ')}`)),
    owner: z.enum(ACTION_OWNERS, must(`must be one of ${ACTION_OWNERS.join(', ')}`)).default('Custom'),
    provider: identifier(35),
    version: identifier(9),
  },
  must('must be an object with category, provider and version (owner is optional)'),
)

const ENV_VALUE = must('must be a string (write numbers and booleans in quotes, e.g. "200")')
const env = z
  .record(
    z.string().regex(/^[^=\0]+$/, must('must be a variable name: not empty, without "=" or NUL')),
    z.string(ENV_VALUE).refine((value) => !value.includes('\0'), ENV_VALUE),
    must('must be an object of variable names to string values, e.g. { "POLL_INTERVAL_MS": "200" }'),
  )
  .superRefine((variables, ctx) => {
    for (const name of Object.keys(variables)) {
      const reason = reservedVariableReason(name)
      // The value may be a real credential: flagged so the message never echoes it.
      if (reason !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: `must be removed: ${reason}`, params: { hideValue: true } })
    }
  })

const REASON = must('must be a non-empty reason, saying why the rule does not apply to this worker')
const skip = z.record(
  z.string().regex(/^[A-Z]+-[0-9]{3}$/, must('must be a rule id such as SEC-003 (pattern ^[A-Z]+-[0-9]{3}$)')),
  z.string(REASON).trim().min(1, REASON),
  must('must be an object of rule ids to reasons, e.g. { "SEC-003": "we never read encrypted artifacts" }'),
)

const CAPABILITY = must(`must be one of ${CAPABILITIES.join(', ')}`)
const capabilities = z.strictObject(
  {
    lacks: z
      .array(z.enum(CAPABILITIES, CAPABILITY), must('must be an array of capabilities the worker lacks, e.g. ["continuation"]'))
      .refine((lacks) => new Set(lacks).size === lacks.length, must('must not name a capability twice'))
      .default([]),
  },
  must('must be an object such as { "lacks": ["continuation"] }'),
)
const CONFIGURATION = must('must be an object of action configuration keys (1 to 50 characters) to values (1 to 1000 characters), e.g. { "Steps": "3" }')
const continuation = z.strictObject(
  { actionConfiguration: z.record(z.string().min(1, CONFIGURATION).max(50, CONFIGURATION), z.string(CONFIGURATION).min(1, CONFIGURATION).max(1000, CONFIGURATION), CONFIGURATION) },
  must('must be an object with "actionConfiguration": the configuration that makes the worker continue its jobs, e.g. { "actionConfiguration": { "Steps": "3" } }'),
)
const CLIENTS = must('must be an object of clientIds (UUIDs, lower-case hex) to clientTokens (1 to 256 characters), e.g. { "0f0e0d0c-0b0a-4909-8807-060504030201": "token" }')
const partner = z.strictObject(
  {
    clients: z
      .record(z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, CLIENTS), z.string(CLIENTS).min(1, CLIENTS).max(256, CLIENTS), CLIENTS)
      .refine((clients) => Object.keys(clients).length > 0, CLIENTS),
  },
  must('must be an object with "clients": the clientId to clientToken pairs the worker holds'),
)

const SECRET_KEY = must('must be an action configuration key: 1 to 50 of [A-Za-z0-9_] starting with a letter, e.g. "ApiToken"')
const secretConfiguration = z
  .array(z.string(SECRET_KEY).regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, SECRET_KEY), must('must be an array of action configuration keys whose values are secret, e.g. ["ApiToken"]'))
  .min(1, must('must name at least one key (leave the field out if no configuration value is secret)'))

export const workerConfigSchema = z.strictObject(
  {
    command: z.union([z.array(z.string(ARGV_ELEMENT).min(1, ARGV_ELEMENT), COMMAND).min(1, COMMAND), z.string(COMMAND).min(1, COMMAND)], COMMAND),
    actionType,
    env: env.default({}),
    profile: z.enum(WORKER_PROFILES, must('must be "custom" or "third-party"')).default('custom'),
    shutdownGraceMs: milliseconds(0, 5000),
    startupTimeoutMs: milliseconds(1, 15000),
    jobTimeoutMs: milliseconds(1, 3000),
    skip: skip.default({}),
    capabilities: capabilities.default({ lacks: [] }),
    continuation: continuation.optional(),
    partner: partner.optional(),
    minPollIntervalMs: milliseconds(0, 200),
    concurrency: count(1, 64, 1, 'jobs the worker works at once: acknowledged and not yet reported'),
    secretConfiguration: secretConfiguration.optional(),
  },
  must('must be an object with at least "command" and "actionType"'),
) satisfies z.ZodType<WorkerConfig, WorkerConfigInput>

/** The fields each object in the config accepts, for "did you mean" hints on unknown keys. */
export const KNOWN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(workerConfigSchema.shape),
  actionType: Object.keys(actionType.shape),
  capabilities: Object.keys(capabilities.shape),
  continuation: Object.keys(continuation.shape),
  partner: Object.keys(partner.shape),
}
