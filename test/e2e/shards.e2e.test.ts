import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

describe('--shard and conform report merge', () => {
  it('two shards merged give the verdicts of the unsharded run, in catalogue order', async () => {
    // Two areas keep three concurrent runs affordable on a loaded machine; the split is still across areas.
    const args = ['fixtures/workers/nonce-002-reports-stolen-job', '--seed', '11', '--runs', '3', '--max-shrinks', '2', '--rule', 'ACK,NONCE']
    const [whole, first, second] = await Promise.all([runCli(args), runCli([...args, '--shard', '1/2']), runCli([...args, '--shard', '2/2'])])
    const wholeResults = await whole.results()
    const [a, b] = [await first.results(), await second.results()]
    expect(a.shard).toEqual({ index: 1, count: 2 })
    expect(a.rules.length + b.rules.length).toBe(wholeResults.rules.length)
    expect(a.rules.some((rule) => b.rules.some((other) => other.id === rule.id))).toBe(false)

    const merged = await runCli(['report', 'merge', join(first.out, 'results.json'), join(second.out, 'results.json')])
    const mergedResults = await merged.results()
    const verdicts = (r: typeof wholeResults) => r.rules.map((rule) => [rule.id, rule.verdict, rule.counterexample?.replay])
    expect(verdicts(mergedResults)).toEqual(verdicts(wholeResults))
    expect(mergedResults.complete).toBe(true)
    expect(mergedResults.shard).toBeUndefined()
    expect(merged.code).toBe(1)
    expect(merged.stdout.trimEnd().split('\n').at(-1)).toBe(whole.stdout.trimEnd().split('\n').at(-1))
  }, 300_000)

  it('refuses to merge results of different runs', async () => {
    const [one, two] = await Promise.all([
      runCli(['fixtures/workers/reference', '--seed', '1', '--runs', '2', '--rule', 'ACK']),
      runCli(['fixtures/workers/reference', '--seed', '2', '--runs', '2', '--rule', 'NONCE']),
    ])
    const merged = await runCli(['report', 'merge', join(one.out, 'results.json'), join(two.out, 'results.json')])
    expect(merged.stderr).toBe(
      'conform report merge: the results disagree on seed, so they are not shards of one run. Merge only the results.json files of one sharded run (same seed, runs, --strict, worker, config and conform version).\n',
    )
    expect(merged.code).toBe(2)
  }, 240_000)
})
