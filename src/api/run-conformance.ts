import { randomInt } from 'node:crypto'
import { displayPath } from '../config/display-path.js'
import { loadWorkerConfig } from '../config/load-config.js'
import { ConformError } from '../errors/conform-error.js'
import type { Results, RuleLevel } from '../report/results.js'
import { CATALOGUE_VERSION, RULES } from '../rules/catalogue.js'
import { selectRules } from '../rules/select-rules.js'
import { assembleRuleResults, newResults } from '../runner/assemble-results.js'
import { runSuites } from '../runner/run-suites.js'
import { startSession } from '../session/session.js'
import { TOOL } from './tool.js'

export interface RunConformanceOptions {
  /** The worker's folder (with conform.config.json or a package.json "conform" key). */
  worker: string
  seed?: number
  /** Scenarios per rule before shrinking. Default 20. */
  runs?: number
  /** Rule ids (`ACK-001`) or area prefixes (`ACK`); empty: every rule. */
  rules?: string[]
  levels?: RuleLevel[]
  /** Re-run one counterexample: the rule and the fast-check path its replay command names. */
  replay?: { ruleId: string; path: string }
  region?: string
  /** The command line shown in reports and used to build replay commands. */
  commandLine?: string
  /** Called with one line per step, for progress on a terminal. */
  onProgress?: (line: string) => void
}

/**
 * Runs the selected rules against a worker and returns the results. Never
 * throws because a rule failed; throws ConformError for usage, config and
 * environment problems (the CLI turns those into exit code 2).
 *
 * @example
 * const results = await runConformance({ worker: 'fixtures/workers/reference', seed: 1 })
 * console.log(results.totals)
 */
export async function runConformance(options: RunConformanceOptions): Promise<Results> {
  const startedAt = new Date()
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1)
  const runs = options.runs ?? 20
  const region = options.region ?? 'us-east-1'
  const requested = [...(options.rules ?? []), ...(options.levels ?? [])]
  const progress = options.onProgress ?? (() => undefined)

  const loaded = await loadWorkerConfig(options.worker)
  const rules = selectRules(RULES, { rules: options.rules ?? [], levels: options.levels ?? [] })
  for (const [id, reason] of Object.entries(loaded.config.skip)) {
    const rule = RULES.find((r) => r.id === id)
    if (!rule || rule.level === 'MUST') {
      throw new ConformError(
        'CONFORM_CONFIG_INVALID',
        `conform: ${displayPath(loaded.source)} is invalid: field "skip.${id}" ${rule ? 'names a MUST rule, and only SHOULD rules may be skipped' : 'names no rule in the catalogue'} (reason given: ${JSON.stringify(reason)}). Remove that entry.`,
      )
    }
  }
  if (options.replay && !rules.some((rule) => rule.id === options.replay?.ruleId)) {
    throw new ConformError('CONFORM_USAGE', `conform: --replay needs the rule it replays: add --rule ${options.replay.ruleId}.`)
  }

  progress(`conform: starting the worker in ${displayPath(loaded.workerDir)} (seed ${seed})`)
  const session = await startSession({ loaded, region })
  let results: Results
  try {
    progress(`conform: worker polling; checking ${rules.length} rule(s), ${runs} scenario(s) each`)
    const scenarioDeadlineMs = loaded.config.jobTimeoutMs * 2 + 1000
    const run = await runSuites({
      rules,
      context: {
        controlUrl: session.control.url,
        controlToken: session.control.token,
        seed,
        runs,
        scenarioDeadlineMs,
        shrinkBudget: 200,
        shrinkTimeMs: 15_000,
        scenario: { actionTypeId: loaded.config.actionType, region },
        replayCommand: `npx conform ${options.worker}`,
        ...(options.replay ? { replay: options.replay } : {}),
      },
    })
    const finishedAt = new Date()
    results = newResults({
      tool: TOOL,
      catalogueVersion: CATALOGUE_VERSION,
      worker: {
        path: options.worker,
        command: loaded.config.command,
        actionType: loaded.config.actionType,
        mode: 'process',
      },
      command: options.commandLine ?? `conform ${options.worker}`,
      seed,
      runs,
      selection: { requested, rules: rules.map((rule) => rule.id) },
      node: process.version,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      complete: true,
      rules: assembleRuleResults(rules, run.outcomes, run.problems),
    })
  } finally {
    await session.stop()
  }
  return results
}
