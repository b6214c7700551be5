/** `NONCE-002:42:3:0`: the rule, the run's seed and fast-check's path to the counterexample. */
export const REPLAY_TOKEN = /^([A-Za-z]+-\d{3}):(\d+):(\d+(?::\d+)*)$/

/** The flags a replay command carries, in the order the suite writes them (src/suite/check-rule.ts). */
const REPLAY_FLAGS = /^npx conform (.*?) ?--rule ([A-Za-z]+-\d{3}) --seed (\d+) --replay (\d+(?::\d+)*)(.*)$/s

/**
 * The short form of a replay command, `npx conform replay RULE:SEED:PATH <worker>`,
 * as `conform replay` accepts it; undefined when the command is not in the
 * shape a run writes. Derived from the long form rather than stored, so
 * results.json keeps one replay field and older results get it too.
 *
 * @example
 * shortReplayCommand('npx conform ./w --rule NONCE-002 --seed 42 --replay 3:0')
 * // 'npx conform replay NONCE-002:42:3:0 ./w'
 */
export function shortReplayCommand(replay: string): string | undefined {
  const match = REPLAY_FLAGS.exec(replay)
  if (!match) return undefined
  const [, worker = '', rule = '', seed = '', path = '', after = ''] = match
  const token = `${rule}:${seed}:${path}`
  if (!REPLAY_TOKEN.test(token)) return undefined
  return `npx conform replay ${token}${worker ? ` ${worker}` : ''}${after}`
}
