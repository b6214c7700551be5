import { describe, expect, it } from 'vitest'
import { shortReplayCommand } from './replay-token.js'

describe('shortReplayCommand', () => {
  it('turns a folder run into conform replay with a token', () => {
    expect(shortReplayCommand('npx conform fixtures/workers/ack-001-skips-ack --rule ACK-001 --seed 1234 --replay 17:0:0:0:0')).toBe(
      'npx conform replay ACK-001:1234:17:0:0:0:0 fixtures/workers/ack-001-skips-ack',
    )
  })

  it('keeps the flags and the command after -- as they were quoted', () => {
    expect(shortReplayCommand("npx conform --action-type Build/P/1 --env 'A=b c' --rule NONCE-002 --seed 7 --replay 0 -- python3 'my worker.py'")).toBe(
      "npx conform replay NONCE-002:7:0 --action-type Build/P/1 --env 'A=b c' -- python3 'my worker.py'",
    )
  })

  it('keeps --strict, which conform replay passes on to the run', () => {
    expect(shortReplayCommand('npx conform ./w --strict --rule RESULT-005 --seed 1 --replay 0:1')).toBe('npx conform replay RESULT-005:1:0:1 ./w --strict')
  })

  it('gives nothing for a command not in the shape a run writes', () => {
    expect(shortReplayCommand('conform ./w --seed 1')).toBeUndefined()
    expect(shortReplayCommand('npx conform ./w --rule ACK-001 --seed -1 --replay 0')).toBeUndefined()
  })
})
