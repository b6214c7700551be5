import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { ConformError } from '../errors/conform-error.js'
import type { RuleLevel } from '../report/results.js'
import { TOOL } from '../api/tool.js'

export interface RunArgs {
  worker: string
  seed?: number
  runs: number
  rules: string[]
  levels: RuleLevel[]
  replay?: string
  out: string
  /** Ends the whole run after this many milliseconds with a partial report. */
  timeout?: number
  list: boolean
  quiet: boolean
  verbose: boolean
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
    .argument('<worker>', 'folder with conform.config.json (or a package.json "conform" key)')
    .option('--seed <n>', 'seed for the generated scenarios; the same seed replays the same run', integer('--seed', 0))
    .option('--runs <n>', 'scenarios per rule before shrinking', integer('--runs', 1), 20)
    .option('--rule <ids>', 'only these rules: an id (ACK-001) or an area prefix (ACK); repeat or comma-separate', list, [])
    .addOption(new Option('--level <level>', 'only rules of this level').choices(['MUST', 'SHOULD']).argParser((v, prev: RuleLevel[] = []) => [...prev, v as RuleLevel]))
    .option('--replay <path>', 'replay one counterexample (with --rule and --seed, as a failure prints it)')
    .option('--out <dir>', 'folder for report.html, junit.xml and results.json', 'reports')
    .option('--timeout <ms>', 'end the whole run after this long, with a partial report (exit 2)', integer('--timeout', 1))
    .option('--list', 'show the rules the selection would run, and run nothing')
    .option('--quiet', 'print only the summary')
    .option('--verbose', "stream the worker's output as it runs")
    .addHelpText(
      'after',
      '\nExamples:\n  npx conform fixtures/workers/reference\n  npx conform ./my-worker --rule NONCE --seed 42\n  npx conform ./my-worker --rule NONCE-002 --seed 42 --replay 3:0\n\nExit codes: 0 every MUST rule holds, 1 a rule failed, 2 usage, config or environment error.\n',
    )
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
}

/** argv (without node and script) to what to do; usage errors become ConformError('CONFORM_USAGE'). */
export function parseArgs(argv: string[]): ParsedArgs {
  const command = program()
  let text = ''
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) })
  try {
    command.parse(argv, { from: 'user' })
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
    rule: string[]
    level?: RuleLevel[]
    replay?: string
    out: string
    timeout?: number
    list?: boolean
    quiet?: boolean
    verbose?: boolean
  }>()
  if (options.quiet && options.verbose) throw new ConformError('CONFORM_USAGE', 'conform: --quiet and --verbose contradict each other: give one of them. Run `npx conform --help` for the options.')
  return {
    kind: 'run',
    args: {
      worker: command.args[0] as string,
      runs: options.runs,
      rules: options.rule,
      levels: options.level ?? [],
      out: options.out,
      list: options.list ?? false,
      quiet: options.quiet ?? false,
      verbose: options.verbose ?? false,
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.replay !== undefined ? { replay: options.replay } : {}),
    },
  }
}
