import type { Counterexample, Finding, Results, RuleResult } from './results.js'
import { canonicalJson } from '../config/config-hash.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'

/**
 * results.json: the model itself, for machines. Keys come out in the order
 * the model declares them whatever order the object was built in, so two runs
 * diff cleanly. Keys the model does not know (yet) follow in their own order
 * rather than being dropped.
 *
 * @example
 * await writeFile('results.json', renderJson(results))
 */
export function renderJson(results: Results): string {
  return `${JSON.stringify(orderResults(results), null, 2)}\n`
}

const RESULTS_KEYS = ['schemaVersion', 'tool', 'catalogueVersion', 'worker', 'command', 'seed', 'runs', 'selection', 'node', 'startedAt', 'finishedAt', 'durationMs', 'complete', 'interruption', 'shard', 'callsServed', 'rules', 'totals'] as const
const WORKER_KEYS = ['path', 'command', 'actionType', 'mode', 'configSource', 'config', 'configHash', 'exits'] as const
const RULE_KEYS = ['id', 'area', 'level', 'title', 'requirement', 'rationale', 'sources', 'verdict', 'summary', 'scenariosRun', 'durationMs', 'counterexample'] as const
const COUNTEREXAMPLE_KEYS = ['scenario', 'shrinks', 'findings', 'trace', 'workerOutput', 'replay'] as const
const FINDING_KEYS = ['jobId', 'seq', 'message', 'expected', 'actual'] as const
const TRACE_KEYS = ['seq', 'at', 'service', 'operation', 'jobId', 'accessKeyId', 'signer', 'signatureValid', 'sdkAttempt', 'fault', 'request', 'response'] as const

function orderResults(results: Results): Record<string, unknown> {
  return ordered(results, RESULTS_KEYS, {
    tool: (tool) => ordered(tool as Results['tool'], ['name', 'version']),
    worker: (worker) =>
      ordered(worker as Results['worker'], WORKER_KEYS, {
        actionType: (type) => ordered(type as Results['worker']['actionType'], ['category', 'owner', 'provider', 'version']),
        // Keys sorted, as configHash reads them: the config's own order is the file's, not the model's.
        config: (config) => JSON.parse(canonicalJson(config)) as unknown,
        exits: (exits) => (exits as NonNullable<Results['worker']['exits']>).map((exit) => ordered(exit, ['at', 'pid', 'code', 'signal', 'hung'])),
      }),
    selection: (selection) =>
      ordered(selection as Results['selection'], ['requested', 'rules', 'ran', 'skipped', 'notApplicable'], {
        skipped: (entries) => (entries as Results['selection']['skipped']).map((entry) => ordered(entry, ['id', 'reason'])),
        notApplicable: (entries) => (entries as Results['selection']['notApplicable']).map((entry) => ordered(entry, ['id', 'reason'])),
      }),
    shard: (shard) => ordered(shard as NonNullable<Results['shard']>, ['index', 'count']),
    rules: (rules) => (rules as RuleResult[]).map(orderRule),
    totals: (totals) => ordered(totals as Results['totals'], ['pass', 'fail', 'n/a', 'error', 'unknown', 'scenarios']),
  })
}

function orderRule(rule: RuleResult): Record<string, unknown> {
  return ordered(rule, RULE_KEYS, {
    counterexample: (counterexample) =>
      ordered(counterexample as Counterexample, COUNTEREXAMPLE_KEYS, {
        findings: (findings) => (findings as Finding[]).map((finding) => ordered(finding, FINDING_KEYS)),
        trace: (trace) =>
          (trace as TraceEntry[]).map((entry) =>
            ordered(entry, TRACE_KEYS, { response: (response) => ordered(response as TraceEntry['response'], ['status', 'errorType', 'body']) }),
          ),
        workerOutput: (lines) => (lines as Counterexample['workerOutput']).map((line) => ordered(line, ['at', 'stream', 'text'])),
      }),
  })
}

/**
 * A copy of `source` with `keys` first, in that order, then any other keys.
 * Absent (undefined) values are left out, as JSON.stringify would. Values
 * the model types as `unknown` (scenario, request, body) are kept as given.
 */
function ordered<T extends object>(
  source: T,
  keys: readonly string[],
  nested: Record<string, (value: unknown) => unknown> = {},
): Record<string, unknown> {
  const record = source as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of [...keys, ...Object.keys(record).filter((key) => !keys.includes(key))]) {
    const value = record[key]
    if (value === undefined) continue
    const transform = nested[key]
    out[key] = transform ? transform(value) : value
  }
  return out
}
