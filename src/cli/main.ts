import { runConformance } from '../api/run-conformance.js'
import { ConformError, isConformError } from '../errors/conform-error.js'
import type { Results } from '../report/results.js'
import { oneLine } from '../report/safe-text.js'
import { writeReports } from '../report/write-reports.js'
import { RULES } from '../rules/catalogue.js'
import { selectRules } from '../rules/select-rules.js'
import { scenariosFor } from '../rules/scenario-budget.js'
import { exitCodeFor } from './exit-code.js'
import { interrupts } from './interrupts.js'
import { parseArgs, type RunArgs } from './parse-args.js'
import { baselineCommand } from './baseline-command.js'
import { judgeAgainstBaseline } from './judge-baseline.js'
import { replayArguments, REPLAY_HELP } from './replay-command.js'
import { LiveProgress } from './live-progress.js'
import { REPORTERS, terminalOf } from './reporters.js'
import { reportCommand } from './report-command.js'
import { rulesCommand } from './rules-command.js'
import { serveCommand } from './serve-command.js'

/** The only code that touches the process: argv in, exit code out. */
export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'serve') return await serveCommand(argv.slice(1))
    if (argv[0] === 'report') return await reportCommand(argv.slice(1))
    if (argv[0] === 'baseline') return await baselineCommand(argv.slice(1))
    // `run` is the default subcommand; naming it changes nothing.
    if (argv[0] === 'run') argv = argv.slice(1)
    if (argv[0] === 'rules') return rulesCommand(argv.slice(1))
    if (argv[0] === 'replay') {
      const replay = await replayArguments(argv.slice(1))
      if (replay.kind === 'help') {
        process.stdout.write(REPLAY_HELP)
        return 0
      }
      argv = replay.argv
    }
    const parsed = parseArgs(argv)
    if (parsed.kind === 'exit') {
      process.stdout.write(parsed.text)
      return parsed.code
    }
    const { args } = parsed
    if (args.list) return listSelection(args)
    return await run(args, argv)
  } catch (error) {
    if (isConformError(error)) {
      process.stderr.write(`${error.message}\n`)
      return 2
    }
    process.stderr.write(`conform: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 2
  }
}

function listSelection(args: RunArgs): number {
  const rules = selectRules(RULES, { rules: args.rules, levels: args.levels })
  // A rule whose every scenario waits out seconds plays fewer: say so where it applies.
  const capped = (rule: (typeof rules)[number]): string => {
    const scenarios = scenariosFor(rule, args.runs)
    return scenarios < args.runs ? ` (${scenarios} scenario${scenarios === 1 ? '' : 's'}: each waits out seconds)` : ''
  }
  for (const rule of rules) process.stdout.write(`${rule.id.padEnd(11)} ${rule.level.padEnd(6)} ${rule.title}${capped(rule)}\n`)
  const worker = typeof args.worker === 'string' ? args.worker : args.worker.command.join(' ')
  process.stdout.write(`${rules.length} rule(s) would run against ${worker}, ${args.runs} scenario(s) each\n`)
  return 0
}

async function run(args: RunArgs, argv: string[]): Promise<number> {
  if (args.replay !== undefined && (args.rules.length !== 1 || args.seed === undefined)) {
    throw new ConformError('CONFORM_USAGE', "conform: --replay replays one rule's counterexample: give it with exactly one --rule and the --seed of the run, as the failure's replay command shows.")
  }
  // The live view per area needs a rich terminal; in CI or a pipe every step is a plain line.
  const live = !args.quiet && REPORTERS[args.reporter].progress === 'live' && terminalOf(process.stderr, process.env).rich ? new LiveProgress(process.stderr) : undefined
  const say = (line: string): void => {
    if (live) live.line(line)
    else if (!args.quiet) process.stderr.write(`${line}\n`)
  }
  const stop = interrupts({
    ...(args.timeout !== undefined ? { timeoutMs: args.timeout } : {}),
    onFirstInterrupt: () => process.stderr.write('conform: interrupted; stopping the worker and writing what was found (Ctrl-C again quits at once)\n'),
  })
  // Each rule's checkpoint is written in turn, and the final reports after the last of them, so an older one never lands last.
  let checkpoints = Promise.resolve()
  const checkpoint = (partial: Results): void => {
    checkpoints = checkpoints.then(() => writeReports(partial, args.out, { env: {} })).then(() => undefined, () => undefined)
  }
  try {
    const results = await runConformance({
      onCheckpoint: checkpoint,
      worker: args.worker,
      runs: args.runs,
      ...(args.maxShrinks !== undefined ? { maxShrinks: args.maxShrinks } : {}),
      rules: args.rules,
      levels: args.levels,
      strict: args.strict,
      commandLine: ['conform', ...argv].join(' '),
      onProgress: say,
      ...(live ? { onEvent: (event) => live.event(event) } : {}),
      signal: stop.signal,
      ...(args.shard ? { shard: args.shard } : {}),
      ...(args.verbose ? { onWorkerOutput: (line) => say(`  worker ${line.stream === 'stderr' ? '!' : '|'} ${oneLine(line.text)}`) } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.replay !== undefined ? { replay: { ruleId: (args.rules[0] as string).toUpperCase(), path: args.replay } } : {}),
    })
    await checkpoints
    live?.finish()
    const written = await writeReports(results, args.out)
    say(`conform: reports written to ${written.html}, ${written.junit}, ${written.json}`)
    const exits = results.worker.exits ?? []
    if (exits.length > 0) {
      const each = exits.map((exit) =>
        exit.hung
          ? `pid ${exit.pid} made no call for a whole scenario and was stopped at ${Math.round(exit.at)} ms`
          : `pid ${exit.pid} ${exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`} at ${Math.round(exit.at)} ms`,
      )
      process.stderr.write(`conform: the worker was restarted ${exits.length} time(s): ${each.join('; ')}.\n`)
    }
    if (!results.complete) process.stderr.write(`conform: this report is partial: ${results.interruption ?? 'the run ended early'}.\n`)
    process.stdout.write(REPORTERS[args.reporter].render(results, terminalOf(process.stdout, process.env)))
    if (stop.interrupted()) return 130
    if (args.baseline !== undefined) return await judgeAgainstBaseline(results, { baseline: args.baseline, resultsFile: written.json, write: (text) => process.stderr.write(text) })
    return exitCodeFor(results)
  } finally {
    stop.dispose()
  }
}
