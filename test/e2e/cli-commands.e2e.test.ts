import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Results } from '../../src/report/results.js'
import { CATALOGUE_VERSION, RULES } from '../../src/rules/catalogue.js'
import { runCli } from '../support/run-cli.js'
import { sampleResults } from '../support/sample-results.js'

const lines = (text: string): string[] => text.trimEnd().split('\n')
const musts = RULES.filter((rule) => rule.level === 'MUST').length
const shoulds = RULES.length - musts

async function resultsFile(name: string, results: Results): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'conform-results-')), name)
  await writeFile(path, JSON.stringify(results))
  return path
}

/** The sample run with its one failure demoted to SHOULD: nothing but a SHOULD rule failed. */
function shouldFailure(strict: boolean): Results {
  const results = sampleResults()
  results.rules = results.rules.map((rule) => (rule.id === 'ACK-001' ? { ...rule, level: 'SHOULD' as const } : rule))
  return { ...results, strict }
}

describe('conform rules', () => {
  it('lists the catalogue as aligned text, without running anything', async () => {
    const run = await runCli(['rules'], { withOut: false })
    const width = Math.max(...RULES.map((rule) => rule.id.length))
    expect(lines(run.stdout)).toEqual([
      `conform rules, catalogue ${CATALOGUE_VERSION}`,
      '',
      `${'ID'.padEnd(width)}  LEVEL   SINCE  TITLE`,
      ...RULES.map((rule) => `${rule.id.padEnd(width)}  ${rule.level.padEnd(6)}  ${rule.since.padEnd(5)}  ${rule.title}`),
      '',
      `${RULES.length} rule(s): ${musts} MUST, ${shoulds} SHOULD`,
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  })

  it('--format markdown gives the table docs/rules.md opens with, and --rule narrows it', async () => {
    const run = await runCli(['rules', '--format', 'markdown', '--rule', 'ACK-001'], { withOut: false })
    const ack = RULES.find((rule) => rule.id === 'ACK-001')!
    expect(run.stdout).toBe(
      [`# conform rules (catalogue ${CATALOGUE_VERSION})`, '', '| ID | level | title | since |', '| --- | --- | --- | --- |', `| ACK-001 | MUST | ${ack.title} | ${ack.since} |`, '', '1 rule(s): 1 MUST, 0 SHOULD.', ''].join('\n'),
    )
    const doc = await readFile('docs/rules.md', 'utf8')
    expect(doc).toContain(`| [ACK-001](#ack-001) | MUST | ${ack.title} | ${ack.since} |`)
    expect(run.code).toBe(0)
  })

  it('--format json gives every rule\'s data for tools', async () => {
    const run = await runCli(['rules', '--format', 'json'], { withOut: false })
    const data = JSON.parse(run.stdout) as { catalogueVersion: string; rules: { id: string; requirement: string; needs: string[] }[] }
    expect(data.catalogueVersion).toBe(CATALOGUE_VERSION)
    expect(data.rules.map((rule) => [rule.id, rule.requirement, rule.needs])).toEqual(RULES.map((rule) => [rule.id, rule.requirement, [...(rule.needs ?? [])]]))
    expect(run.code).toBe(0)
  })

  it('an unknown format is one message and exit 2', async () => {
    const run = await runCli(['rules', '--format', 'xml'], { withOut: false })
    expect(run.stderr).toBe("conform rules: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, markdown, json. Run `npx conform rules --help` for the options.\n")
    expect(run.stdout).toBe('')
    expect(run.code).toBe(2)
  })
})

describe('--strict', () => {
  it('a failed SHOULD rule passes the run without --strict and fails it with, as the results record', async () => {
    const lenient = await runCli(['report', await resultsFile('results.json', shouldFailure(false))])
    expect(lines(lenient.stdout).slice(-2)).toEqual(['PASS: 4 rules (1 pass, 1 fail, 0 error, 1 unknown, 1 n/a), 81 scenarios in 12.3 s', '1 passed, 1 failed, 2 skipped'])
    expect(lenient.code).toBe(0)
    const strict = await runCli(['report', await resultsFile('results.json', shouldFailure(true))])
    expect(lines(strict.stdout).slice(-2)).toEqual(['FAIL: 4 rules (1 pass, 1 fail, 0 error, 1 unknown, 1 n/a), 81 scenarios in 12.3 s', '1 passed, 1 failed, 2 skipped'])
    expect(await readFile(join(strict.out, 'summary.md'), 'utf8')).toContain('**FAIL**: 1 SHOULD rule failed, and under --strict a SHOULD failure fails the run.')
    expect(strict.code).toBe(1)
  })

  it('on a real SHOULD rule (RESULT-005): the run passes without --strict, and replaying its counterexample with --strict fails', async () => {
    const lenient = await runCli(['fixtures/workers/result-005-omits-external-execution-id', '--rule', 'RESULT-005', '--runs', '2', '--seed', '1', '--max-shrinks', '2'])
    const found = await lenient.results()
    expect([found.strict, found.rules[0]?.level, found.rules[0]?.verdict]).toEqual([false, 'SHOULD', 'fail'])
    expect(lines(lenient.stdout).at(-1)).toBe('0 passed, 1 failed, 0 skipped')
    expect(lenient.code).toBe(0)
    const strict = await runCli(['replay', join(lenient.out, 'results.json'), '--strict'])
    const replayed = await strict.results()
    expect([replayed.strict, replayed.rules[0]?.verdict]).toEqual([true, 'fail'])
    expect(lines(strict.stdout).at(-1)).toBe('0 passed, 1 failed, 0 skipped')
    expect(strict.code).toBe(1)
    // A strict run's replay command carries --strict, so replaying it needs no flag added by hand.
    expect(replayed.rules[0]?.counterexample?.replay).toMatch(/^npx conform fixtures\/workers\/result-005-omits-external-execution-id --strict --rule RESULT-005 --seed 1 --replay [0-9:]+$/)
    const again = await runCli(['replay', join(strict.out, 'results.json')])
    expect([(await again.results()).strict, again.code]).toEqual([true, 1])
  }, 300_000)

  it('merging refuses shards of which only some ran under --strict', async () => {
    const [a, b] = [shouldFailure(false), shouldFailure(true)]
    a.rules = a.rules.slice(0, 2)
    b.rules = b.rules.slice(2)
    const run = await runCli(['report', 'merge', await resultsFile('a.json', { ...a, shard: { index: 1, count: 2 } }), await resultsFile('b.json', { ...b, shard: { index: 2, count: 2 } })])
    expect(run.stderr).toBe('conform report merge: the results disagree on strict, so they are not shards of one run. Merge only the results.json files of one sharded run (same seed, runs, --strict, worker, config and conform version).\n')
    expect(run.code).toBe(2)
  })

  it('a live run records it, and --reporter json prints the results.json it wrote', async () => {
    const run = await runCli(['fixtures/workers/reference', '--rule', 'ACK-001', '--runs', '1', '--seed', '1', '--strict', '--reporter', 'json'])
    const written = await readFile(join(run.out, 'results.json'), 'utf8')
    expect(run.stdout).toBe(written.endsWith('\n') ? written : `${written}\n`)
    expect((JSON.parse(written) as Results).strict).toBe(true)
    expect(run.code).toBe(0)
  }, 180_000)
})

describe('--reporter', () => {
  it('junit and markdown print the report the files hold; plain prints the summary without control codes', async () => {
    const file = await resultsFile('results.json', sampleResults())
    for (const [reporter, written] of [['junit', 'junit.xml'], ['markdown', 'summary.md'], ['badge', 'badge.svg']] as const) {
      const rendered = await runCli(['report', file, '--reporter', reporter])
      const expected = await readFile(join(rendered.out, written), 'utf8')
      expect(rendered.stdout).toBe(expected.endsWith('\n') ? expected : `${expected}\n`)
      expect(rendered.code).toBe(1)
    }
    const plain = await runCli(['report', file, '--reporter', 'plain'], { env: { FORCE_COLOR: '1' } })
    expect(plain.stdout).not.toContain('\x1b[')
    expect(lines(plain.stdout).at(-1)).toBe('1 passed, 1 failed, 2 skipped')
    const coloured = await runCli(['report', file], { env: { FORCE_COLOR: '1' } })
    expect(coloured.stdout).toContain('\x1b[31mFAIL \x1b[39m')
  })

  it('an unknown reporter is one message naming the choices, exit 2', async () => {
    const run = await runCli(['fixtures/workers/reference', '--reporter', 'tap'])
    expect(run.stderr).toBe("conform: option '--reporter <name>' argument 'tap' is invalid. Allowed choices are default, plain, json, junit, html, markdown, badge. Run `npx conform --help` for the options.\n")
    expect(run.code).toBe(2)
  })
})

describe('progress', () => {
  it('on a rich terminal (FORCE_COLOR) redraws one line per area in place; in CI it prints plain lines without control codes', async () => {
    const args = ['fixtures/workers/reference', '--rule', 'ACK-001,NONCE-001', '--runs', '1', '--seed', '1']
    const [rich, plain] = await Promise.all([runCli(args, { env: { FORCE_COLOR: '1' } }), runCli(args)])
    const frames = rich.stderr.split('\r\x1b[')
    expect(frames.length).toBeGreaterThan(3)
    // The last frame drawn stays on screen under the final lines: every area done.
    const last = frames.at(-1)!.replace(/^\d+A\x1b\[0J/, '')
    expect(last.split('\n').filter((line) => line.startsWith('  ')).slice(-2)).toEqual(['  acknowledgement  1/1 rules, 1 scenarios  done', '  nonce            1/1 rules, 1 scenarios  done'])
    expect(rich.stderr).toMatch(/ {2}acknowledgement {2}0\/1 rules, 1 scenarios {2}now ACK-001 scenario 1\n/)
    expect(plain.stderr).not.toContain('\x1b')
    expect(plain.stderr.split('\n').filter((line) => line.startsWith('conform: ['))).toHaveLength(2)
    expect([rich.code, plain.code]).toEqual([0, 0])
  }, 180_000)
})

describe('conform replay', () => {
  it('re-runs exactly the counterexample from a results.json or a token, with the same verdict every time', async () => {
    const found = await runCli(['fixtures/workers/nonce-002-reports-stolen-job', '--rule', 'NONCE-002', '--seed', '1', '--runs', '5', '--max-shrinks', '3'])
    expect(found.code).toBe(1)
    const original = (await found.results()).rules[0]!
    const replay = original.counterexample!.replay
    const [, path] = / --replay (\S+)/.exec(replay)!
    const file = join(found.out, 'results.json')
    const first = await runCli(['replay', file])
    const second = await runCli(['replay', file, '--rule', 'NONCE-002'])
    // The short form the summary prints under the replay command, run as printed.
    const short = / {10}or: npx conform (replay NONCE-002:1:\S+ fixtures\/workers\/nonce-002-reports-stolen-job)$/m.exec(found.stdout)
    expect(short?.[1]).toBe(`replay NONCE-002:1:${path} fixtures/workers/nonce-002-reports-stolen-job`)
    const byToken = await runCli(short![1]!.split(' '))
    // Job ids are fresh each play; everything else about the finding is the counterexample's.
    const finding = (results: Results) => results.rules.map((rule) => [rule.id, rule.verdict, rule.counterexample?.findings.map((f) => f.message.replace(/[0-9a-f-]{36}/g, 'JOB'))])
    const expected = finding(await found.results())
    for (const run of [first, second, byToken]) {
      const results = await run.results()
      expect(finding(results)).toEqual(expected)
      expect(results.rules[0]?.scenariosRun).toBe(1)
      expect(results.rules[0]?.counterexample?.replay).toBe(replay)
      expect(lines(run.stdout).at(-1)).toBe('0 passed, 1 failed, 0 skipped')
      expect(run.code).toBe(1)
    }
  }, 300_000)

  it('a results.json without a counterexample, and a token whose rule --rule contradicts, are one message and exit 2', async () => {
    const passing = sampleResults()
    passing.rules = passing.rules.filter((rule) => rule.id !== 'ACK-001')
    const file = await resultsFile('results.json', passing)
    const none = await runCli(['replay', file])
    expect(none.stderr).toBe(`conform replay: ${file} has no counterexample to replay: no rule failed in that run.\n`)
    expect(none.code).toBe(2)
    const contradicted = await runCli(['replay', 'NONCE-002:1:0', 'fixtures/workers/reference', '--rule', 'ACK-001'])
    expect(contradicted.stderr).toBe('conform replay: the token replays NONCE-002, but --rule says ACK-001. Drop --rule; a token names its rule.\n')
    expect(contradicted.code).toBe(2)
  })
})

describe('--help', () => {
  it('shows examples and lists every subcommand', async () => {
    const run = await runCli(['--help'], { withOut: false })
    const text = run.stdout
    const subcommands = text.slice(text.indexOf('Subcommands'), text.indexOf('Exit codes:'))
    expect(lines(subcommands).map((line) => line.trim().split(/\s{2,}/)[0])).toEqual([
      'Subcommands (each has its own --help):',
      'conform [run] <worker> [options]',
      'conform rules [--format text|markdown|json]',
      'conform replay <results.json|token> [--rule ID]',
      'conform report <results.json> [--out DIR]',
      'conform report merge <results.json...> [--out DIR]',
      'conform serve [worker] [--action-type T] [--port N]',
      'conform baseline update [results.json] [--baseline F] write the baseline: every rule verdict for --baseline',
    ])
    expect(text).toContain('Examples:\n  npx conform fixtures/workers/reference\n')
    expect(run.code).toBe(0)
  })
})
