import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown-summary.js'
import { mdCode, mdCodeBlock, mdLine, mdText } from './markdown-text.js'
import { hostileResults, largeResults, sampleResults } from '../../test/support/sample-results.js'

/** Pipes that GFM would read as cell borders: not preceded by a backslash. */
function cellBorders(row: string): number {
  return row.match(/(?<!\\)\|/g)?.length ?? 0
}

describe('renderMarkdown', () => {
  it('gives the verdict, a row per rule and each failure with its requirement, first finding and replay command', () => {
    expect(renderMarkdown(sampleResults())).toBe(
      [
        '## conform: ❌ FAIL',
        '',
        '**FAIL**: 1 MUST rule failed.',
        '',
        'Worker `fixtures/workers/ack-001-skips-ack` · seed 1234 · 4 rules · 81 scenarios · 12.3 s',
        '',
        '| Rule | Level | Title | Verdict |',
        '| --- | --- | --- | --- |',
        '| ACK-001 | MUST | Acknowledge before reporting | ❌ FAIL |',
        '| NONCE-001 | MUST | Acknowledge with the nonce of that dispatch | ✅ PASS |',
        '| RESULT-001 | MUST | Exactly one result per acknowledged job | ❔ UNKNOWN |',
        '| CONT-001 | SHOULD | Resume from the continuation token | ➖ N/A |',
        '',
        '### Not applicable (1)',
        '',
        '- CONT-001: The worker does not declare the continuation capability.',
        '',
        '### Failures (1)',
        '',
        '#### ❌ FAIL ACK-001 (MUST): Acknowledge before reporting',
        '',
        '> A worker MUST call AcknowledgeJob for a job before it reports any result \\(PutJobSuccessResult or PutJobFailureResult\\) for that job.',
        '',
        'The worker reported a result for job 6d1c8a8e-3f2b-4c55-9b1a-2f7c9d0e4a11 without acknowledging it first. (job `6d1c8a8e-3f2b-4c55-9b1a-2f7c9d0e4a11`, call #2)',
        '',
        '- **Expected** (any of): `AcknowledgeJob(jobId, nonce) before any result call` or `no result call at all`',
        '- **Actual**: `PutJobSuccessResult #2 at 41 ms -> 200`',
        '',
        'Replay:',
        '',
        '```sh',
        'npx conform fixtures/workers/ack-001-skips-ack --rule ACK-001 --seed 1234 --replay 17:0:0:0:0',
        '```',
        '',
        'or, as a token:',
        '',
        '```sh',
        'npx conform replay ACK-001:1234:17:0:0:0:0 fixtures/workers/ack-001-skips-ack',
        '```',
        '',
        '<sub>codepipeline-conform 0.1.0, catalogue 0.1.0. Full details, trace and worker output: report.html.</sub>',
        '',
      ].join('\n'),
    )
  })

  it('says why a run is incomplete, and shows a harness error by its summary', () => {
    const results = sampleResults()
    results.rules = results.rules.filter((rule) => rule.verdict !== 'fail')
    Object.assign(results.rules[0]!, { verdict: 'error', summary: 'The suite reported no outcome for this rule.' })
    results.complete = false
    results.interruption = 'Interrupted by SIGINT.'
    const markdown = renderMarkdown(results)
    expect(markdown).toContain('## conform: ⚠️ INCOMPLETE\n\n**INCOMPLETE**: The run ended early: these verdicts are not the whole truth. Interrupted by SIGINT.\n')
    expect(markdown).toContain('#### ⚠️ ERROR NONCE-001 (MUST): Acknowledge with the nonce of that dispatch\n\n> A worker MUST acknowledge')
    expect(markdown).toContain('\n\nThe suite reported no outcome for this rule.\n\n<sub>')
  })

  it('shows worker-controlled text literally: no HTML, no links, no headings, no broken table', () => {
    const markdown = renderMarkdown(hostileResults())
    // Outside code, no raw angle bracket: nothing can start a tag.
    const prose = markdown
      .replace(/^```[\s\S]*?^```$/gm, '')
      .replace(/(?<!\\)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '')
      .replace(/^<sub>|<\/sub>$/gm, '')
      .replace(/^> /gm, '')
    expect(prose).not.toMatch(/[<>]/)
    // No link syntax: every [ ] ( ) from the worker is escaped.
    expect(prose).not.toMatch(/(?<!\\)\]\(/)
    expect(markdown).toContain('\\[click\\]\\(javascript:window.\\_\\_pwned=1\\)')
    // Headings only where the summary puts them.
    expect(markdown.match(/^#+ .*$/gm)).toEqual(['## conform: ❌ FAIL', '### Not applicable (1)', '### Failures (1)', expect.stringMatching(/^#### ❌ FAIL ACK-001 \(MUST\): Acknowledge &lt;script&gt;/)])
    // Every table row has exactly the five borders of its four cells.
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '))
    expect(rows).toHaveLength(6)
    for (const row of rows) expect(cellBorders(row)).toBe(5)
    // A backtick run in the actual value cannot close the code span it sits in.
    expect(markdown).toContain('- **Actual**: ````<script>window.__pwned=1</script>')
    // The replay command stays copyable as it is, in a fence its backticks cannot close.
    expect(markdown).toContain('```sh\nnpx conform ./workers --rule ACK-001 --seed 1234 --replay 17:0:0 # <script>')
    expect(markdown).toContain('```sh\nnpx conform replay ACK-001:1234:17:0:0 ./workers # <script>')
  })

  it('stays small for a big run: long values cut, at most 20 failures written out', () => {
    const results = largeResults({ rules: 30, calls: 10, lines: 10, bodyChars: 10 })
    results.rules[0]!.counterexample!.findings[0]!.actual = 'a'.repeat(100_000)
    const markdown = renderMarkdown(results)
    expect(Buffer.byteLength(markdown)).toBeLessThan(64 * 1024)
    expect(markdown.match(/^#### /gm)).toHaveLength(20)
    expect(markdown).toContain('10 more failing rules (BIG-021, BIG-022, BIG-023, BIG-024, BIG-025, BIG-026, BIG-027, BIG-028, BIG-029, BIG-030) are in report.html.')
  })
})

describe('Markdown escaping', () => {
  it('escapes inline syntax anywhere and block syntax at the start of a line', () => {
    expect(mdText('a|b `c` *d* _e_ [f](g) ~h~ $i$ #j <k> &l; \\m')).toBe('a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\]\\(g\\) \\~h\\~ \\$i\\$ \\#j &lt;k&gt; &amp;l; \\\\m')
    expect(['# h', '- x', '+ y', '=== z', '12. n', 'v 1. ok'].map((line) => mdLine(line))).toEqual(['\\# h', '\\- x', '\\+ y', '\\=== z', '12\\. n', 'v 1. ok'])
    expect(mdText('line one\nline two\r\n\x1b[31mred\x1b[0m')).toBe('line one line two red')
  })

  it('wraps code in a delimiter its content cannot close', () => {
    expect(mdCode('plain')).toBe('`plain`')
    expect(mdCode('a ` b')).toBe('``a ` b``')
    expect(mdCode('`edge`')).toBe('`` `edge` ``')
    expect(mdCodeBlock('echo ```', 'sh')).toBe('````sh\necho ```\n````')
  })
})
