import type { WorkerConfig } from '../config/worker-config.js'
import { notApplicableReason } from '../rules/capability.js'
import type { RuleDefinition } from '../rules/rule.js'
import type { RuleOutcome } from '../suite/suite-context.js'

export interface Applicability {
  /** The rules to play against the worker. */
  toRun: RuleDefinition[]
  /** n/a outcomes, each saying why, for the rules the worker is not asked to follow. */
  notApplicable: Map<string, RuleOutcome>
  /** Which of those the worker config skips (`skip`), rather than lacking what the rule needs; the provenance lists them apart. */
  skipped: Set<string>
}

/**
 * Splits the selected rules into those to play and those that are n/a: the
 * worker lacks a capability the rule needs, lacks that capability's settings,
 * or its config skips the (SHOULD) rule with a reason. n/a is decided before
 * the worker is touched, so it costs no scenario and is never a silent pass.
 */
export function partitionByApplicability(rules: readonly RuleDefinition[], config: WorkerConfig): Applicability {
  const toRun: RuleDefinition[] = []
  const notApplicable = new Map<string, RuleOutcome>()
  const skipped = new Set<string>()
  const worker = { lacks: config.capabilities.lacks, config: config as unknown as Readonly<Record<string, unknown>> }
  for (const rule of rules) {
    const skipReason = config.skip[rule.id]
    const lacking = notApplicableReason(rule.needs, worker)
    const reason = lacking ?? (skipReason !== undefined ? `Skipped by the worker config: ${skipReason}` : undefined)
    if (lacking === undefined && skipReason !== undefined) skipped.add(rule.id)
    if (reason === undefined) toRun.push(rule)
    else notApplicable.set(rule.id, { ruleId: rule.id, verdict: 'n/a', summary: reason, scenariosRun: 0, durationMs: 0 })
  }
  return { toRun, notApplicable, skipped }
}
