import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { ConformError } from '../errors/conform-error.js'
import type { RuleLevel } from '../report/results.js'
import { TOOL } from '../api/tool.js'
import type { WorkerFlags } from '../config/config-from-flags.js'
import { REPORTER_NAMES, type ReporterName } from './reporters.js'
import { DEFAULT_RUNS } from '../rules/scenario-budget.js'

export interface RunArgs {
  /** A worker folder, or the command after `--` with the flags that stand in for its config. */
  worker: string | WorkerFlags
  seed?: number
  runs: number
  /** Replays spent shrinking one counterexample, at most. */
  maxShrinks?: number
  rules: string[]
  levels: RuleLevel[]
  replay?: string
  out: string
  /** Ends the whole run after this many milliseconds with a partial report. */
  timeout?: number
  list: boolean
  shard?: { index: number; count: number }
  quiet: boolean
  verbose: boolean
  /** A baseline file: the run then fails only on regressions against it. */
  baseline?: string
  /** SHOULD failures fail the run too. */
  strict: boolean
  /** How the result is shown on stdout; the files in --out are written whatever it is. */
  reporter: ReporterName
}

export type ParsedArgs = { kind: 'run'; args: RunArgs } | { kind: 'exit'; code: 0; text: string }

const integer = (name: string, min: number) => (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer of at least ${min}.`)
  return n
}

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)]

function program(): Command {
  return new Command('conform')
    .description('Conformance tests for AWS CodePipeline job workers.')
    .version(TOOL.version, '-V, --version')
    .argument('[worker]', 'folder with conform.config.json (or a package.json "conform" key); or give a command after --')
    .option('--seed <n>', 'seed for the generated scenarios; the same seed replays the same run', integer('--seed', 0))
    .option('--runs <n>', 'scenarios per rule before shrinking (wait-bound rules play one for every five)', integer('--runs', 1), DEFAULT_RUNS)
    .option('--max-shrinks <n>', 'replays spent shrinking a failure to its smallest scenario, at most (default 200; 0 reports it unshrunk)', integer('--max-shrinks', 0))
    .option('--rule <ids>', 'only these rules: an id (ACK-001) or an area prefix (ACK); repeat or comma-separate', list, [])
    .addOption(new Option('--level <level>', 'only rules of this level').choices(['MUST', 'SHOULD']).argParser((v, prev: RuleLevel[] = []) => [...prev, v as RuleLevel]))
    .option('--replay <path>', 'replay one counterexample (with --rule and --seed, as a failure prints it)')
    .option('--out <dir>', 'folder for report.html, junit.xml and results.json', 'reports')
    .option('--timeout <ms>', 'end the whole run after this long, with a partial report (exit 2)', integer('--timeout', 1))
    .option('--action-type <type>', 'with a command after --: the action type it polls for, Category/Provider/Version')
    .option('--env <KEY=VALUE>', 'with a command after --: a variable for the worker; repeat for more', (v: string, prev: string[] = []) => [...prev, v])
    .addOption(new Option('--profile <profile>', 'with a command after --: the job API family').choices(['custom', 'third-party']))
    .option('--job-timeout <ms>', 'with a command after --: how long a job may stay InProgress', integer('--job-timeout', 1))
    .option('--shard <i/n>', 'run only this share of the selected rules, for splitting a run across CI machines; merge with `conform report merge`', (value: string) => {
      const match = /^(\d+)\/(\d+)$/.exec(value)
      const [index, count] = [Number(match?.[1]), Number(match?.[2])]
      if (!match || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('--shard must look like 1/3: a shard number from 1 to the count.')
      return { index, count }
    })
    .option('--baseline <file>', 'fail only on regressions against this baseline (a rule that passed and no longer does); write it with `conform baseline update`')
    .option('--strict', 'a failed SHOULD rule fails the run too (exit 1); the results record it')
    .addOption(new Option('--reporter <name>', 'what stdout shows: the summary (default: live progress and colour on a terminal; plain: neither), or a report in a format').choices([...REPORTER_NAMES]).default('default'))
    .option('--list', 'show the rules the selection would run, and run nothing')
    .option('--quiet', 'print only the summary')
    .option('--verbose', "stream the worker's output as it runs")
    .addHelpText(
      'after',
      '\nExamples:\n  npx conform fixtures/workers/reference\n  npx conform ./my-worker --rule NONCE --seed 42\n  npx conform ./my-worker --rule NONCE-002 --seed 42 --replay 3:0\n  npx conform --action-type Build/MyProvider/1 --env POLL_INTERVAL_MS=200 -- python3 worker.py\n  npx conform ./my-worker --strict --reporter junit > junit.xml\n  npx conform replay reports/results.json\n  npx conform rules --format markdown\n\nSubcommands (each has its own --help):\n  conform [run] <worker> [options]                      run the rules against a worker (the default)\n  conform rules [--format text|markdown|json]           list the catalogue, running nothing\n  conform replay <results.json|token> [--rule ID]       re-run exactly one counterexample\n  conform report <results.json> [--out DIR]             render the reports again from a results.json\n  conform report merge <results.json...> [--out DIR]    join the results of --shard runs into one report\n  conform serve [worker] [--action-type T] [--port N]   the fake on its own, for a worker under a debugger\n  conform baseline update [results.json] [--baseline F] write the baseline: every rule verdict for --baseline\n\nExit codes: 0 every MUST rule holds, 1 a MUST rule (or under --strict a SHOULD rule) failed, 2 the run is incomplete, or a usage, config or environment error.\n',
    )
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
}

/** argv (without node and script) to what to do; usage errors become ConformError('CONFORM_USAGE'). */
export function parseArgs(argv: string[]): ParsedArgs {
  const command = program()
  let text = ''
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) })
  // Everything after the first `--` is the worker's own command line, never conform's options.
  const split = argv.indexOf('--')
  const workerCommand = split === -1 ? undefined : argv.slice(split + 1)
  try {
    command.parse(split === -1 ? argv : argv.slice(0, split), { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')) {
      return { kind: 'exit', code: 0, text: text || `${TOOL.version}\n` }
    }
    if (error instanceof CommanderError) {
      const sentence = error.message.replace(/^error: /, '').replace(/([^.])$/, '$1.')
      throw new ConformError('CONFORM_USAGE', `conform: ${sentence} Run \`npx conform --help\` for the options.`)
    }
    throw error
  }
  const options = command.opts<{
    seed?: number
    runs: number
    maxShrinks?: number
    rule: string[]
    level?: RuleLevel[]
    replay?: string
    out: string
    timeout?: number
    actionType?: string
    env?: string[]
    profile?: string
    jobTimeout?: number
    list?: boolean
    shard?: { index: number; count: number }
    quiet?: boolean
    verbose?: boolean
    baseline?: string
    strict?: boolean
    reporter: ReporterName
  }>()
  if (options.quiet && options.verbose) throw new ConformError('CONFORM_USAGE', 'conform: --quiet and --verbose contradict each other: give one of them. Run `npx conform --help` for the options.')
  const folder = command.args[0]
  if (workerCommand !== undefined && folder !== undefined) {
    throw new ConformError('CONFORM_USAGE', `conform: give either a worker folder (${folder}) or a command after --, not both. Run \`npx conform --help\` for the options.`)
  }
  if (workerCommand !== undefined && workerCommand.length === 0) {
    throw new ConformError('CONFORM_USAGE', 'conform: nothing follows --: give the command that starts your worker, e.g. `npx conform --action-type Build/MyProvider/1 -- python3 worker.py`.')
  }
  if (workerCommand === undefined && folder === undefined) {
    throw new ConformError('CONFORM_USAGE', "conform: missing required argument 'worker'. Give the worker's folder, or a command after --. Run `npx conform --help` for the options.")
  }
  const flagOnly = ['actionType', 'env', 'profile', 'jobTimeout'].filter((name) => options[name as keyof typeof options] !== undefined)
  if (workerCommand === undefined && flagOnly.length > 0) {
    const flag = (flagOnly[0] as string).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
    throw new ConformError('CONFORM_USAGE', `conform: --${flag} describes a worker given as a command after --; a worker folder takes it from its conform.config.json instead.`)
  }
  const worker: string | WorkerFlags =
    workerCommand === undefined
      ? (folder as string)
      : {
          command: workerCommand,
          env: options.env ?? [],
          ...(options.actionType !== undefined ? { actionType: options.actionType } : {}),
          ...(options.profile !== undefined ? { profile: options.profile } : {}),
          ...(options.jobTimeout !== undefined ? { jobTimeoutMs: options.jobTimeout } : {}),
        }
  return {
    kind: 'run',
    args: {
      worker,
      runs: options.runs,
      rules: options.rule,
      levels: options.level ?? [],
      out: options.out,
      list: options.list ?? false,
      ...(options.shard ? { shard: options.shard } : {}),
      quiet: options.quiet ?? false,
      verbose: options.verbose ?? false,
      strict: options.strict ?? false,
      reporter: options.reporter,
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.maxShrinks !== undefined ? { maxShrinks: options.maxShrinks } : {}),
      ...(options.replay !== undefined ? { replay: options.replay } : {}),
      ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    },
  }
}
