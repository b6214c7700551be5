import type { Capability } from '../rules/capability.js'

/**
 * The worker config (worker contract, section 2): what the user writes
 * (`WorkerConfigInput`) and what conform works with once defaults are
 * applied (`WorkerConfig`). The zod schema in worker-config-schema.ts is
 * checked against both at compile time.
 */

export const ACTION_CATEGORIES = ['Source', 'Build', 'Deploy', 'Test', 'Invoke', 'Approval', 'Compute'] as const
export const ACTION_OWNERS = ['Custom', 'ThirdParty', 'AWS'] as const
export const WORKER_PROFILES = ['custom', 'third-party'] as const

export type ActionCategory = (typeof ACTION_CATEGORIES)[number]
export type ActionOwner = (typeof ACTION_OWNERS)[number]
export type WorkerProfile = (typeof WORKER_PROFILES)[number]

/** The action type the worker polls for; jobs are queued for this type only. */
export interface ActionType {
  category: ActionCategory
  owner: ActionOwner
  /** 1 to 35 of `[0-9A-Za-z_-]`. */
  provider: string
  /** 1 to 9 of `[0-9A-Za-z_-]`. */
  version: string
}

/** How conform makes the worker use continuation tokens (CONT-* rules): the action configuration that makes it split its work. */
export interface ContinuationSettings {
  /** Merged into the action configuration of the jobs the continuation rules queue, e.g. { "Steps": "3" }. */
  actionConfiguration: Record<string, string>
}

/** How conform plays partner (ThirdParty) jobs for the worker (PARTNER-* rules): its clientId to clientToken pairs. */
export interface PartnerSettings {
  /** clientId (a UUID) to the clientToken the worker holds for it. */
  clients: Record<string, string>
}

/** A worker config after defaults. */
export interface WorkerConfig {
  /** An argv array, or a string run by the platform shell. */
  command: string[] | string
  actionType: ActionType
  /** Passed to the worker on top of the variables conform sets. */
  env: Record<string, string>
  /** `custom`: the PollForJobs family; `third-party`: PollForThirdPartyJobs. */
  profile: WorkerProfile
  /** How long after SIGTERM the worker may take to stop. */
  shutdownGraceMs: number
  /** How long conform waits for the worker's first PollForJobs. */
  startupTimeoutMs: number
  /** How long the fake lets a job stay InProgress before it is TimedOut. */
  jobTimeoutMs: number
  /** Rule id (`SEC-003`) to the reason it is skipped. */
  skip: Record<string, string>
  /** What the worker does not do; rules that need it are n/a. */
  capabilities: { lacks: Capability[] }
  /** Absent: the continuation rules are n/a, naming this key. */
  continuation?: ContinuationSettings
  /** Absent: the partner rules are n/a, naming this key. */
  partner?: PartnerSettings
  /** The shortest average gap between empty polls that is not a hot loop (POLL-002). */
  minPollIntervalMs: number
  /** How many jobs the worker may hold acknowledged and unreported at once (CONC-002). */
  concurrency: number
  /** Action configuration keys whose values are secret (SEC-002 plants canaries in them); absent: SEC-002 is n/a. */
  secretConfiguration?: string[]
}

/** A worker config as written: everything but `command` and `actionType` has a default. */
export interface WorkerConfigInput {
  command: string[] | string
  actionType: Omit<ActionType, 'owner'> & { owner?: ActionOwner }
  /** Default `{}`. */
  env?: Record<string, string>
  /** Default `custom`. */
  profile?: WorkerProfile
  /** Default 5000. */
  shutdownGraceMs?: number
  /** Default 15000. */
  startupTimeoutMs?: number
  /** Default 3000. */
  jobTimeoutMs?: number
  /** Default `{}`. */
  skip?: Record<string, string>
  /** Default `{ lacks: [] }`. */
  capabilities?: { lacks?: Capability[] }
  /** How to make the worker use continuation tokens; no default. */
  continuation?: ContinuationSettings
  /** The partner clients the worker holds tokens for; no default. */
  partner?: PartnerSettings
  /** Default 200 (5 polls a second). */
  minPollIntervalMs?: number
  /** Default 1: a worker works one job at a time unless it says otherwise. */
  concurrency?: number
  /** No default: without it, SEC-002 is n/a. */
  secretConfiguration?: string[]
}
