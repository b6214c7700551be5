import { Command, CommanderError } from 'commander'
import { displayPath } from '../config/display-path.js'
import { ConformError } from '../errors/conform-error.js'
import { baselineFrom, renderBaseline } from '../report/baseline.js'
import { REPORT_FILES } from '../report/write-reports.js'
import { writeFileAtomic } from '../report/write-file-atomic.js'
import { DEFAULT_BASELINE, readResultsFile } from './baseline-file.js'

/**
 * `conform baseline update [results.json] [--baseline FILE]`: writes the
 * baseline from a run's results, every rule's verdict as it stands. Refuses
 * a partial run or one shard (merge the shards first): a baseline missing
 * rules would let them regress unnoticed.
 */
export async function baselineCommand(argv: string[]): Promise<number> {
  let text = ''
  const program = new Command('conform baseline update')
    .description('Write the baseline (every rule\'s verdict) from a run\'s results.json, for `conform --baseline`.')
    .argument('[results]', 'results.json of the run to accept', `reports/${REPORT_FILES.json}`)
    .option('--baseline <file>', 'the baseline file to write', DEFAULT_BASELINE)
    .exitOverride()
    .configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) })
  if (argv[0] !== 'update') {
    throw new ConformError('CONFORM_USAGE', `conform baseline: ${argv[0] === undefined ? 'missing the subcommand' : `unknown subcommand ${JSON.stringify(argv[0])}`}. Use \`npx conform baseline update [results.json] [--baseline ${DEFAULT_BASELINE}]\`.`)
  }
  try {
    program.parse(argv.slice(1), { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') {
      process.stdout.write(text)
      return 0
    }
    if (error instanceof CommanderError) throw new ConformError('CONFORM_USAGE', `conform baseline update: ${error.message.replace(/^error: /, '')} Run \`npx conform baseline update --help\` for the options.`)
    throw error
  }
  const resultsFile = program.args[0] ?? `reports/${REPORT_FILES.json}`
  const target = program.opts<{ baseline: string }>().baseline
  const results = await readResultsFile(resultsFile, 'conform baseline update')
  if (!results.complete) {
    throw new ConformError('CONFORM_USAGE', `conform baseline update: ${displayPath(resultsFile)} is a partial run (${results.interruption ?? 'it ended early'}); a baseline from it would miss rules. Take it from a complete run.`)
  }
  if (results.shard) {
    throw new ConformError('CONFORM_USAGE', `conform baseline update: ${displayPath(resultsFile)} is shard ${results.shard.index}/${results.shard.count} of a run. Join the shards with \`npx conform report merge\` and take the baseline from the merged results.json.`)
  }
  const baseline = baselineFrom(results)
  await writeFileAtomic(target, renderBaseline(baseline))
  const passing = Object.values(baseline.rules).filter((verdict) => verdict === 'pass').length
  process.stderr.write(`conform: wrote ${displayPath(target)}: ${Object.keys(baseline.rules).length} rule(s), ${passing} passing; a later run with --baseline ${displayPath(target)} fails only if one of those stops passing.\n`)
  return 0
}
