import { ConformError } from '../errors/conform-error.js'
import { RESULTS_SCHEMA_VERSION, type Results, type RuleResult, type Verdict } from './results.js'

/**
 * Joins the results of shards of one run (`--shard i/n` on several CI
 * machines) into one, as if the run had not been split: each rule from the
 * shard that ran it, in catalogue order. Shards must agree on the tool, the
 * catalogue, the worker and the seed, and no rule may appear twice.
 */
export function mergeResults(shards: readonly Results[], catalogueOrder: readonly string[]): Results {
  const [first] = shards
  if (!first) throw new ConformError('CONFORM_USAGE', 'conform report merge: give at least one results.json to merge.')
  for (const shard of shards) {
    const mismatch = (['seed', 'runs', 'catalogueVersion'] as const).find((key) => shard[key] !== first[key]) ??
      ((shard.strict ?? false) !== (first.strict ?? false) ? 'strict' : shard.tool.version !== first.tool.version ? 'tool.version' : JSON.stringify(shard.worker.actionType) !== JSON.stringify(first.worker.actionType) ? 'worker.actionType' : shard.worker.configHash !== first.worker.configHash ? 'worker.configHash' : undefined)
    if (mismatch) {
      throw new ConformError('CONFORM_USAGE', `conform report merge: the results disagree on ${mismatch}, so they are not shards of one run. Merge only the results.json files of one sharded run (same seed, runs, --strict, worker, config and conform version).`)
    }
  }
  const rules = new Map<string, RuleResult>()
  for (const shard of shards) {
    for (const rule of shard.rules) {
      if (rules.has(rule.id)) throw new ConformError('CONFORM_USAGE', `conform report merge: rule ${rule.id} appears in more than one of the results; shards of one run never share a rule.`)
      rules.set(rule.id, rule)
    }
  }
  const position = (id: string): number => {
    const at = catalogueOrder.indexOf(id)
    return at === -1 ? Number.MAX_SAFE_INTEGER : at
  }
  const merged = [...rules.values()].sort((a, b) => position(a.id) - position(b.id))
  const inOrder = <T extends string | { id: string }>(items: T[]): T[] => items.sort((a, b) => position(typeof a === 'string' ? a : a.id) - position(typeof b === 'string' ? b : b.id))
  const startedAt = shards.map((s) => s.startedAt).sort()[0] ?? first.startedAt
  const finishedAt = shards.map((s) => s.finishedAt).sort().at(-1) ?? first.finishedAt
  const incomplete = shards.filter((s) => !s.complete)
  const totals: Record<Verdict, number> = { pass: 0, fail: 0, 'n/a': 0, error: 0, unknown: 0 }
  for (const rule of merged) totals[rule.verdict] += 1
  const { shard: _shard, interruption: _interruption, callsServed: _calls, ...common } = first
  const callsServed = shards.every((s) => s.callsServed !== undefined) ? shards.reduce((sum, s) => sum + (s.callsServed ?? 0), 0) : undefined
  return {
    ...common,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    selection: {
      requested: first.selection.requested,
      rules: merged.map((rule) => rule.id),
      ran: inOrder(shards.flatMap((s) => s.selection.ran)),
      skipped: inOrder(shards.flatMap((s) => s.selection.skipped)),
      notApplicable: inOrder(shards.flatMap((s) => s.selection.notApplicable)),
    },
    startedAt,
    finishedAt,
    durationMs: Date.parse(finishedAt) - Date.parse(startedAt),
    complete: incomplete.length === 0,
    ...(incomplete.length > 0 ? { interruption: incomplete.map((s) => s.interruption ?? 'a shard ended early').join('; ') } : {}),
    ...(callsServed !== undefined ? { callsServed } : {}),
    rules: merged,
    totals: { ...totals, scenarios: merged.reduce((sum, rule) => sum + rule.scenariosRun, 0) },
  }
}
