import { ConformError } from '../../errors/conform-error.js'

/**
 * Every choice about a job's life that the AWS documentation leaves open,
 * as one setting each. The defaults are what the evidence suggests (see
 * docs/fake-service.md and decisions/0007); a scenario may override any of
 * them for one job (`JobSpec.life`), `createFakeService({ life })` for a whole
 * service, and `conform serve --set name=value` by hand.
 */
export interface JobLifeSettings {
  /**
   * How long a dispatched job waits for its AcknowledgeJob before it goes back
   * to the queue; its next dispatch carries a new nonce. AWS does not document
   * it; the Jenkins plugin observed about 30 seconds.
   */
  redispatchAfterMs: number
  /**
   * How nonces are made once a job's planned nonces run out: `counter` (the
   * dispatch count, as AWS's sample nonce "3" suggests) or `random`
   * (unpredictable text, so a worker cannot guess a later dispatch's nonce).
   */
  nonces: 'counter' | 'random'
  /**
   * What AcknowledgeJob answers, with the nonce of the latest dispatch, for a
   * job that has already finished (Succeeded, Failed, TimedOut): `status`
   * (200 with that status, as for any claim that is not InProgress),
   * `InvalidNonceException` or `InvalidJobStateException`.
   */
  finishedJobAck: 'status' | 'InvalidNonceException' | 'InvalidJobStateException'
  /**
   * How long artifact credentials stay valid after they are issued; after it,
   * S3 answers `ExpiredToken`. GetJobDetails issues fresh ones each time.
   * Undocumented; the Jenkins plugin assumes 15 minutes.
   */
  credentialLifetimeMs: number
  /**
   * How long after a PutJobSuccessResult with a continuationToken the job
   * carrying that token is queued. AWS states about 30 s for Lambda
   * invocations and nothing for polling workers; 0 keeps runs fast.
   */
  continuationDelayMs: number
  /** How long a job may stay InProgress before it is TimedOut (AWS: 24 h for custom actions, or the action type's jobTimeout). */
  jobTimeoutMs: number
  /**
   * How long an action execution (a job and its continuations) may last: a
   * continuation requested later than this is not queued, and the action
   * ends there (AWS: 24 h for custom actions, counted for the whole execution).
   */
  actionTimeoutMs: number
  /** The cap on the total size (UTF-8 bytes of keys and values) of one result's outputVariables (AWS: 122,880). */
  outputVariablesMaxBytes: number
}

/** The defaults: AWS's documented values where there are any, the observed ones otherwise. */
export const DEFAULT_JOB_LIFE: Readonly<JobLifeSettings> = Object.freeze({
  redispatchAfterMs: 30_000,
  nonces: 'counter',
  finishedJobAck: 'status',
  credentialLifetimeMs: 15 * 60_000,
  continuationDelayMs: 0,
  jobTimeoutMs: 24 * 60 * 60_000,
  actionTimeoutMs: 24 * 60 * 60_000,
  outputVariablesMaxBytes: 122_880,
})

const CHOICES: { readonly [K in keyof JobLifeSettings]?: readonly string[] } = {
  nonces: ['counter', 'random'],
  finishedJobAck: ['status', 'InvalidNonceException', 'InvalidJobStateException'],
}

export const JOB_LIFE_SETTING_NAMES = Object.keys(DEFAULT_JOB_LIFE) as (keyof JobLifeSettings)[]

/** The settings in force: the defaults, then each layer's overrides in order. */
export function resolveJobLife(...layers: (Partial<JobLifeSettings> | undefined)[]): JobLifeSettings {
  const settings: JobLifeSettings = { ...DEFAULT_JOB_LIFE }
  for (const layer of layers) if (layer) Object.assign(settings, definedOnly(layer))
  return settings
}

function definedOnly(layer: Partial<JobLifeSettings>): Partial<JobLifeSettings> {
  return Object.fromEntries(Object.entries(layer).filter(([, value]) => value !== undefined)) as Partial<JobLifeSettings>
}

/**
 * Parses `name=value` (as `conform serve --set` takes it) into one override,
 * with a usage error naming the setting and what it accepts.
 *
 * @example
 * parseJobLifeSetting('redispatchAfterMs=2000') // { redispatchAfterMs: 2000 }
 */
export function parseJobLifeSetting(text: string): Partial<JobLifeSettings> {
  const at = text.indexOf('=')
  const name = (at < 0 ? text : text.slice(0, at)) as keyof JobLifeSettings
  const value = at < 0 ? '' : text.slice(at + 1)
  if (!JOB_LIFE_SETTING_NAMES.includes(name)) {
    throw new ConformError('CONFORM_USAGE', `conform: unknown job-life setting "${name}"; the settings are ${JOB_LIFE_SETTING_NAMES.join(', ')} (see docs/fake-service.md).`)
  }
  const choices = CHOICES[name]
  if (choices) {
    if (!choices.includes(value)) throw new ConformError('CONFORM_USAGE', `conform: setting ${name} must be one of ${choices.join(', ')} (got "${value}").`)
    return { [name]: value } as Partial<JobLifeSettings>
  }
  const n = Number(value)
  if (value === '' || !Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new ConformError('CONFORM_USAGE', `conform: setting ${name} must be a whole number from 0 to ${2 ** 31 - 1} (got "${value}").`)
  }
  return { [name]: n } as Partial<JobLifeSettings>
}
