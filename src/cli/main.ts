import { runConformance } from '../api/run-conformance.js'
import { ConformError, isConformError } from '../errors/conform-error.js'
import { renderConsoleSummary } from '../report/console-summary.js'
import { writeReports } from '../report/write-reports.js'
import { exitCodeFor } from './exit-code.js'
import { parseArgs } from './parse-args.js'

/** The only code that touches the process: argv in, exit code out. */
export async function main(argv: string[]): Promise<number> {
  try {
    const parsed = parseArgs(argv)
    if (parsed.kind === 'exit') {
      process.stdout.write(parsed.text)
      return parsed.code
    }
    const { args } = parsed
    if (args.replay !== undefined && (args.rules.length !== 1 || args.seed === undefined)) {
      throw new ConformError('CONFORM_USAGE', 'conform: --replay replays one rule\'s counterexample: give it with exactly one --rule and the --seed of the run, as the failure\'s replay command shows.')
    }
    const results = await runConformance({
      worker: args.worker,
      runs: args.runs,
      rules: args.rules,
      levels: args.levels,
      commandLine: ['conform', ...argv].join(' '),
      onProgress: (line) => process.stderr.write(`${line}\n`),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.replay !== undefined ? { replay: { ruleId: (args.rules[0] as string).toUpperCase(), path: args.replay } } : {}),
    })
    const written = await writeReports(results, args.out)
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.CI !== 'true'
    process.stderr.write(`conform: reports written to ${written.html}, ${written.junit}, ${written.json}\n`)
    process.stdout.write(renderConsoleSummary(results, { color }))
    return exitCodeFor(results)
  } catch (error) {
    if (isConformError(error)) {
      process.stderr.write(`${error.message}\n`)
      return 2
    }
    process.stderr.write(`conform: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 2
  }
}
