import { readFile } from 'node:fs/promises'
import { displayPath } from '../config/display-path.js'
import { ConformError } from '../errors/conform-error.js'
import { RESULTS_SCHEMA_VERSION, type Results } from '../report/results.js'
import { REPLAY_TOKEN } from '../report/replay-token.js'
import { shellWords } from './shell-words.js'

export const REPLAY_HELP = `Usage: conform replay <token-or-results.json> [worker] [options] [-- command ...]

Re-runs exactly one counterexample against the worker and prints its verdict.

  <results.json>   a results.json a run wrote: replays its failing rule (name it with --rule when several failed)
  <token>          RULE:SEED:PATH, e.g. NONCE-002:42:3:0 (the --rule, --seed and --replay of a replay command),
                   followed by the worker folder, or its flags and a command after --

Options: --rule <ID>, and any run option (--out, --reporter, --quiet, --verbose, ...).

Examples:
  npx conform replay reports/results.json
  npx conform replay reports/results.json --rule NONCE-002
  npx conform replay NONCE-002:42:3:0 ./my-worker
`

/**
 * `conform replay ...` as the arguments of the run that replays it, so a
 * replay goes through the same code as the run that found the failure.
 */
export async function replayArguments(argv: string[]): Promise<{ kind: 'run'; argv: string[] } | { kind: 'help' }> {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h') {
    if (first === undefined) throw new ConformError('CONFORM_USAGE', 'conform replay: give a results.json or a replay token (RULE:SEED:PATH). Run `npx conform replay --help` for the forms.')
    return { kind: 'help' }
  }
  const { rule, others } = takeRule(rest)
  const token = REPLAY_TOKEN.exec(first)
  if (token) {
    const [, id = '', seed = '', path = ''] = token
    if (rule !== undefined && rule.toUpperCase() !== id.toUpperCase()) {
      throw new ConformError('CONFORM_USAGE', `conform replay: the token replays ${id.toUpperCase()}, but --rule says ${rule}. Drop --rule; a token names its rule.`)
    }
    return { kind: 'run', argv: beforeCommand(others, ['--rule', id.toUpperCase(), '--seed', seed, '--replay', path]) }
  }
  const results = await readResults(first)
  const replayable = results.rules.filter((r) => r.counterexample !== undefined)
  const chosen = rule === undefined ? replayable : replayable.filter((r) => r.id === rule.toUpperCase())
  const names = replayable.map((r) => r.id).join(', ')
  if (chosen.length !== 1 || !chosen[0]?.counterexample) {
    const why =
      replayable.length === 0
        ? 'has no counterexample to replay: no rule failed in that run'
        : rule === undefined
          ? `has counterexamples for ${names}; choose one with --rule`
          : `has no counterexample for ${rule.toUpperCase()}; it has ${names}`
    throw new ConformError('CONFORM_USAGE', `conform replay: ${displayPath(first)} ${why}.`)
  }
  const words = shellWords(chosen[0].counterexample.replay)
  const start = words.indexOf('conform')
  if (start === -1) throw new ConformError('CONFORM_USAGE', `conform replay: the replay command in ${displayPath(first)} is not a conform command: ${chosen[0].counterexample.replay}`)
  return { kind: 'run', argv: beforeCommand(words.slice(start + 1), others) }
}

function takeRule(argv: string[]): { rule?: string; others: string[] } {
  const others: string[] = []
  let rule: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') {
      others.push(...argv.slice(i))
      break
    }
    if (arg === '--rule') {
      rule = argv[i + 1]
      i += 1
    } else if (arg.startsWith('--rule=')) rule = arg.slice('--rule='.length)
    else others.push(arg)
  }
  return { ...(rule !== undefined ? { rule } : {}), others }
}

/** Options join conform's own, before a `--` whose words belong to the worker's command. */
function beforeCommand(argv: string[], options: string[]): string[] {
  const split = argv.indexOf('--')
  return split === -1 ? [...argv, ...options] : [...argv.slice(0, split), ...options, ...argv.slice(split)]
}

async function readResults(path: string): Promise<Results> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ConformError('CONFORM_USAGE', `conform replay: ${displayPath(path)} is neither a replay token (RULE:SEED:PATH, e.g. NONCE-002:42:3:0) nor a readable results.json (${reason}). Give the results.json a run wrote, or the token from a replay command.`)
  }
  if ((parsed as Results | null)?.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    throw new ConformError('CONFORM_USAGE', `conform replay: ${displayPath(path)} is not a conform results.json of schema version ${RESULTS_SCHEMA_VERSION}. Give the results.json that a conform run wrote.`)
  }
  return parsed as Results
}
