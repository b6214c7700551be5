import { readFile } from 'node:fs/promises'
import { Command, CommanderError, Option } from 'commander'
import { displayPath } from '../config/display-path.js'
import { ConformError } from '../errors/conform-error.js'
import { mergeResults } from '../report/merge-results.js'
import { RESULTS_SCHEMA_VERSION, type Results } from '../report/results.js'
import { writeReports } from '../report/write-reports.js'
import { RULES } from '../rules/catalogue.js'
import { exitCodeFor } from './exit-code.js'
import { judgeAgainstBaseline } from './judge-baseline.js'
import { REPORTER_NAMES, REPORTERS, terminalOf, type ReporterName } from './reporters.js'

/**
 * `conform report <results.json>` renders the reports again from the one
 * model; `conform report merge <a.json> <b.json> ...` joins the results of a
 * sharded run first. Exit codes as for a run, so CI can gate on the merge.
 */
export async function reportCommand(argv: string[]): Promise<number> {
  let text = ''
  const merging = argv[0] === 'merge'
  const program = new Command(merging ? 'conform report merge' : 'conform report')
    .description(merging ? 'Join the results.json of the shards of one run into one set of reports.' : 'Render report.html, junit.xml and the summary again from a results.json.')
    .argument(merging ? '<results...>' : '<results>', 'results.json file(s)')
    .option('--out <dir>', 'folder for the reports', 'reports')
    .option('--baseline <file>', 'fail only on regressions against this baseline, as a run with --baseline does')
    .addOption(new Option('--reporter <name>', 'what stdout shows: the summary, or a report in a format').choices([...REPORTER_NAMES]).default('default'))
    .exitOverride()
    .configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) })
  try {
    program.parse(merging ? argv.slice(1) : argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') {
      process.stdout.write(text)
      return 0
    }
    if (error instanceof CommanderError) throw new ConformError('CONFORM_USAGE', `${program.name()}: ${error.message.replace(/^error: /, '')} Run \`npx ${program.name()} --help\` for the options.`)
    throw error
  }
  const files = program.args
  const loaded = await Promise.all(files.map(readResults))
  const results = merging ? mergeResults(loaded, RULES.map((rule) => rule.id)) : (loaded[0] as Results)
  const options = program.opts<{ out: string; baseline?: string; reporter: ReporterName }>()
  const written = await writeReports(results, options.out)
  process.stderr.write(`conform: reports written to ${written.html}, ${written.junit}, ${written.json}\n`)
  process.stdout.write(REPORTERS[options.reporter].render(results, terminalOf(process.stdout, process.env)))
  if (options.baseline !== undefined) return judgeAgainstBaseline(results, { baseline: options.baseline, resultsFile: written.json, write: (line) => process.stderr.write(line) })
  return exitCodeFor(results)
}

async function readResults(path: string): Promise<Results> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new ConformError('CONFORM_USAGE', `conform report: could not read ${displayPath(path)} as JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Give the results.json that a conform run wrote.`)
  }
  if ((parsed as Results | null)?.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    throw new ConformError('CONFORM_USAGE', `conform report: ${displayPath(path)} is not a conform results.json of schema version ${RESULTS_SCHEMA_VERSION}. Give the results.json that a conform run wrote.`)
  }
  return parsed as Results
}
