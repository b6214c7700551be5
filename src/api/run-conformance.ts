import { randomInt } from 'node:crypto'
import { configHash } from '../config/config-hash.js'
import { displayPath } from '../config/display-path.js'
import { configFromFlags, type WorkerFlags } from '../config/config-from-flags.js'
import { loadWorkerConfig } from '../config/load-config.js'
import { ConformError } from '../errors/conform-error.js'
import type { OutputLine, Results, RuleLevel } from '../report/results.js'
import { CATALOGUE_VERSION, RULES } from '../rules/catalogue.js'
import type { RuleDefinition } from '../rules/rule.js'
import { selectRules } from '../rules/select-rules.js'
import type { RuleOutcome } from '../suite/suite-context.js'
import { partitionByApplicability } from '../runner/applicable-rules.js'
import { assembleRuleResults, newResults } from '../runner/assemble-results.js'
import { runSuites } from '../runner/run-suites.js'
import { startSession } from '../session/session.js'
import type { ProgressEvent } from './progress-event.js'
import { TOOL } from './tool.js'
import { DEFAULT_RUNS } from '../rules/scenario-budget.js'

/**
 * Shrinking replays scenarios against the live worker; after this long it stops at the smallest failure
 * played so far, so a broken rule comes back shrunk within seconds (`--max-shrinks` bounds the plays).
 */
const SHRINK_TIME_MS = 10_000

export interface RunConformanceOptions {
  /**
   * The worker's folder (with conform.config.json or a package.json "conform" key),
   * or a command with the flags that stand in for a config.
   */
  worker: string | WorkerFlags
  seed?: number
  /** Scenarios per rule before shrinking (wait-bound rules play a share, see scenariosFor). Default DEFAULT_RUNS (4). */
  runs?: number
  /** Replays spent shrinking one counterexample, at most (each is a scenario against the live worker). Default 200. */
  maxShrinks?: number
  /** Rule ids (`ACK-001`) or area prefixes (`ACK`); empty: every rule. */
  rules?: string[]
  levels?: RuleLevel[]
  /** A failed SHOULD rule fails the run as a MUST rule does (`--strict`); the results record it. Default false. */
  strict?: boolean
  /** Re-run one counterexample: the rule and the fast-check path its replay command names. */
  replay?: { ruleId: string; path: string }
  region?: string
  /** The command line shown in reports and used to build replay commands. */
  commandLine?: string
  /** Runs only every `count`-th selected rule, starting at the `index`-th (1-based): one CI machine's share. */
  shard?: { index: number; count: number }
  /** Called with one line per step, for progress on a terminal. */
  onProgress?: (line: string) => void
  /** Called with structured progress (rules done, scenarios started), for a live display. */
  onEvent?: (event: ProgressEvent) => void
  /** Called with each line the worker prints, as it prints it (for --verbose). */
  onWorkerOutput?: (line: OutputLine) => void
  /**
   * Aborting ends the run early: the worker and the fake are stopped, rules
   * already judged keep their verdicts, the others become `unknown`, and the
   * results say `complete: false` with the abort reason (a string) as `interruption`.
   */
  signal?: AbortSignal
  /**
   * Called after each rule with the results so far, marked partial, so a
   * caller can keep a report on disk that survives conform being killed or
   * crashing half-way; the final results replace it.
   */
  onCheckpoint?: (partial: Results) => void
}

/** Why a checkpoint is partial: if it is the last word on disk, conform never finished. */
const CHECKPOINT_NOTE = 'conform stopped before the run finished (killed or crashed)'

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
  const runs = options.runs ?? DEFAULT_RUNS
  const region = options.region ?? 'us-east-1'
  const requested = [...(options.rules ?? []), ...(options.levels ?? [])]
  const progress = options.onProgress ?? (() => undefined)

  const loaded = typeof options.worker === 'string' ? await loadWorkerConfig(options.worker) : configFromFlags(options.worker)
  const workerArgs = typeof options.worker === 'string' ? { before: options.worker, after: '' } : flagsAsArguments(options.worker)
  const workerLabel = `${workerArgs.before}${workerArgs.after}`
  const selected = selectRules(RULES, { rules: options.rules ?? [], levels: options.levels ?? [] })
  const shard = options.shard
  const rules = shard ? selected.filter((_, position) => position % shard.count === shard.index - 1) : selected
  if (rules.length === 0) {
    throw new ConformError('CONFORM_SELECTION_EMPTY', `conform: shard ${shard?.index}/${shard?.count} gets none of the ${selected.length} selected rule(s), and a run that checks nothing is never green. Use at most ${selected.length} shards.`)
  }
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

  const { toRun, notApplicable, skipped } = partitionByApplicability(rules, loaded.config)

  progress(`conform: starting the worker in ${displayPath(loaded.workerDir)} (seed ${seed})`)
  const emit = options.onEvent ?? (() => undefined)
  const areaOf = new Map(rules.map((rule) => [rule.id, rule.area]))
  let started = 0
  const session = await startSession({
    loaded,
    region,
    onScenarioStart: (ruleId) => emit({ type: 'scenario-start', started: (started += 1), ...(ruleId !== undefined ? { ruleId } : {}) }),
  })
  const unsubscribeOutput = options.onWorkerOutput ? session.supervisor.subscribe(options.onWorkerOutput) : () => undefined
  const stopOnAbort = (): void => void session.stop().catch(() => undefined)
  options.signal?.addEventListener('abort', stopOnAbort, { once: true })
  let results: Results
  let done = 0
  try {
    const naNote = notApplicable.size > 0 ? ` (${notApplicable.size} more n/a for this worker)` : ''
    progress(`conform: worker polling (pid ${session.supervisor.current.pid}); checking ${toRun.length} rule(s), ${runs} scenario(s) each${naNote}`)
    emit({ type: 'run-start', rules: rules.map((rule) => ({ id: rule.id, area: rule.area })), runs, seed })
    for (const outcome of notApplicable.values()) {
      progress(`conform: ${outcome.ruleId} n/a: ${outcome.summary}`)
      emit({ type: 'rule-done', ruleId: outcome.ruleId, area: areaOf.get(outcome.ruleId) ?? '', verdict: outcome.verdict, scenariosRun: 0, durationMs: 0 })
    }
    const scenarioDeadlineMs = loaded.config.jobTimeoutMs * 2 + 1000
    const snapshot = (ruleOutcomes: ReadonlyMap<string, RuleOutcome>, problems: readonly string[], interruption: string | undefined): Results => {
      const finishedAt = new Date()
      const judged = new Map([...notApplicable, ...ruleOutcomes])
      const outcomes = interruption ? withUnfinished(rules, judged, interruption) : judged
      return newResults({
      tool: TOOL,
      catalogueVersion: CATALOGUE_VERSION,
      worker: {
        path: workerLabel,
        command: loaded.config.command,
        actionType: loaded.config.actionType,
        mode: session.mode,
        configSource: typeof options.worker === 'string' ? displayPath(loaded.source) : 'flags',
        config: { ...loaded.config },
        configHash: configHash(loaded.config),
        ...(session.supervisor.exits.length > 0 ? { exits: [...session.supervisor.exits] } : {}),
      },
      command: options.commandLine ?? `conform ${workerLabel}`,
      seed,
      runs,
      selection: {
        requested,
        rules: rules.map((rule) => rule.id),
        ran: toRun.filter((rule) => ruleOutcomes.has(rule.id)).map((rule) => rule.id),
        skipped: [...skipped].map((id) => ({ id, reason: loaded.config.skip[id] ?? '' })),
        notApplicable: [...notApplicable.values()].filter((outcome) => !skipped.has(outcome.ruleId)).map((outcome) => ({ id: outcome.ruleId, reason: outcome.summary })),
      },
      node: process.version,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      complete: interruption === undefined,
      strict: options.strict ?? false,
      ...(shard ? { shard } : {}),
      ...(interruption ? { interruption } : {}),
      // The last entry's seq, not the entry count: the journal may keep only the latest calls.
      callsServed: session.service.trace.recorded,
      rules: assembleRuleResults(rules, outcomes, problems),
    })
    }
    const soFar = new Map<string, RuleOutcome>()
    // Vitest with nothing to run is an error of its own; a run whose every rule is n/a needs no suite.
    const run = toRun.length === 0 ? { outcomes: new Map<string, RuleOutcome>(), problems: [] } : await runSuites({
      rules: toRun,
      ...(options.signal ? { signal: options.signal } : {}),
      onRuleDone: (outcome) => {
        done += 1
        soFar.set(outcome.ruleId, outcome)
        options.onCheckpoint?.(snapshot(soFar, [], CHECKPOINT_NOTE))
        progress(`conform: [${done}/${toRun.length}] ${outcome.ruleId} ${outcome.verdict} (${outcome.scenariosRun} scenarios, ${(outcome.durationMs / 1000).toFixed(1)} s)`)
        emit({ type: 'rule-done', ruleId: outcome.ruleId, area: areaOf.get(outcome.ruleId) ?? '', verdict: outcome.verdict, scenariosRun: outcome.scenariosRun, durationMs: outcome.durationMs })
      },
      context: {
        controlUrl: session.control.url,
        controlToken: session.control.token,
        seed,
        runs,
        scenarioDeadlineMs,
        shrinkBudget: options.maxShrinks ?? 200,
        shrinkTimeMs: SHRINK_TIME_MS,
        scenario: {
          actionTypeId: loaded.config.actionType,
          region,
          jobTimeoutMs: loaded.config.jobTimeoutMs,
          ...(loaded.config.continuation ? { continuation: loaded.config.continuation } : {}),
          ...(loaded.config.partner ? { partner: loaded.config.partner } : {}),
          limits: { minPollIntervalMs: loaded.config.minPollIntervalMs, concurrency: loaded.config.concurrency },
          ...(loaded.config.secretConfiguration ? { secretConfiguration: loaded.config.secretConfiguration } : {}),
        },
        // A strict run's replay is strict too: without it a SHOULD failure replays as a failure with exit 0.
        replayCommand: { before: `npx conform ${workerArgs.before}${options.strict ? ' --strict' : ''}`, after: workerArgs.after },
        ...(options.replay ? { replay: options.replay } : {}),
      },
    })
    const interruption = options.signal?.aborted ? String(options.signal.reason ?? 'the run was interrupted') : undefined
    results = snapshot(run.outcomes, run.problems, interruption)
  } finally {
    options.signal?.removeEventListener('abort', stopOnAbort)
    unsubscribeOutput()
    await session.stop()
  }
  return results
}

/** Rules a cut-short run never finished are `unknown`, saying why: not errors of the worker or the harness. */
function withUnfinished(rules: readonly RuleDefinition[], outcomes: ReadonlyMap<string, RuleOutcome>, interruption: string): Map<string, RuleOutcome> {
  const all = new Map(outcomes)
  for (const rule of rules) {
    if (!all.has(rule.id)) {
      all.set(rule.id, { ruleId: rule.id, verdict: 'unknown', summary: `Not finished: ${interruption}.`, scenariosRun: 0, durationMs: 0 })
    }
  }
  return all
}

/**
 * The flags again, quoted for a POSIX shell, so a replay command can be
 * pasted as it is: the options before `--`, where replay flags join them, and
 * the worker's command after it.
 */
function flagsAsArguments(flags: WorkerFlags): { before: string; after: string } {
  const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)
  const before = [
    ...(flags.actionType !== undefined ? ['--action-type', flags.actionType] : []),
    ...flags.env.flatMap((pair) => ['--env', pair]),
    ...(flags.profile !== undefined ? ['--profile', flags.profile] : []),
    ...(flags.jobTimeoutMs !== undefined ? ['--job-timeout', String(flags.jobTimeoutMs)] : []),
  ]
  return { before: before.map(quote).join(' '), after: ` -- ${flags.command.map(quote).join(' ')}` }
}
