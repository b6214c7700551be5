/**
 * What a worker may legitimately not do. A rule that needs a capability says
 * so (`needs`); a worker config that lacks it (`"capabilities": { "lacks":
 * [...] }`) gets n/a for that rule, with the reason in every report, instead
 * of a failure for work it never claimed to do.
 */
export const CAPABILITIES = [
  /** Reads input artifacts from S3. */
  'artifacts',
  /** Writes output artifacts to S3. */
  'output-artifacts',
  /** Honours the job's encryptionKey (SSE-KMS on outputs). */
  'encryption',
  /** Returns continuation tokens and resumes from them. */
  'continuation',
  /** Reports output variables. */
  'output-variables',
  /** Works third-party (partner) jobs. */
  'partner-jobs',
  /** Works more than one job at a time. */
  'concurrency',
  /** Runs as several instances at once on one queue, each with its own credentials (no lock file, no single-instance port). */
  'replicas',
  /** Reads action configuration values that are secret. */
  'secret-configuration',
] as const

export type Capability = (typeof CAPABILITIES)[number]

/**
 * Capabilities that cannot be exercised without settings of their own in the
 * worker config (the key named here). A worker that has the capability but
 * not the key gets n/a naming the key to add. Whoever adds such a key adds
 * its entry here.
 */
export const CAPABILITY_SETTINGS: Partial<Record<Capability, string>> = {
  continuation: 'continuation',
  'partner-jobs': 'partner',
  'secret-configuration': 'secretConfiguration',
}

/** What the runner knows about the worker, for deciding applicability. */
export interface WorkerCapabilities {
  lacks: readonly Capability[]
  /** The worker config as validated, for the settings keys in CAPABILITY_SETTINGS. */
  config: Readonly<Record<string, unknown>>
}

/**
 * Why a rule does not apply to this worker, or undefined when it does. The
 * sentence is the n/a verdict's summary, so it names what to change.
 */
export function notApplicableReason(needs: readonly Capability[] | undefined, worker: WorkerCapabilities): string | undefined {
  const lacked = (needs ?? []).filter((capability) => worker.lacks.includes(capability))
  if (lacked.length > 0) {
    return `Not applicable: the worker config declares it lacks ${lacked.map((c) => `"${c}"`).join(' and ')} (capabilities.lacks), which this rule needs.`
  }
  for (const capability of needs ?? []) {
    const key = CAPABILITY_SETTINGS[capability]
    if (key !== undefined && worker.config[key] === undefined) {
      return `Not applicable: this rule needs "${capability}", which is exercised only with settings: add "${key}" to the worker config (or list "${capability}" in capabilities.lacks).`
    }
  }
  return undefined
}
