import { describe, expect, it } from 'vitest'
import { renderHtml } from './html-report.js'
import { largeResults } from '../../test/support/sample-results.js'

const FIVE_MB = 5 * 1024 * 1024

function rowsOf(html: string, rule: string): string {
  const start = html.indexOf(`<summary>${rule}: why it failed`)
  return html.slice(start, html.indexOf('</details>\n      </td></tr>', start))
}

describe('renderHtml on a big run', () => {
  it('stays under 5 MB for 30 failing rules with 200-call traces and 2,000-line logs, and says what it left out', () => {
    const results = largeResults({ rules: 30, calls: 200, lines: 2_000, bodyChars: 300 })
    // The measure: a run of 500 scenarios and more.
    expect(results.totals.scenarios).toBeGreaterThanOrEqual(500)
    const html = renderHtml(results)
    expect(Buffer.byteLength(html)).toBeLessThan(FIVE_MB)
    const first = rowsOf(html, 'BIG-001')
    // Head, the flagged call with its neighbours, tail; gaps between them.
    expect(first).toContain('<tr class="gap"><td colspan="8">107 calls not shown (seq 41 to 147); the whole trace is in results.json.</td></tr>')
    expect(first).toContain('<tr class="gap"><td colspan="8">28 calls not shown (seq 153 to 180); the whole trace is in results.json.</td></tr>')
    expect(first).toContain('<tr class="flagged">')
    expect(first).toContain('<span class="gap">[1,800 lines not shown; the whole output is in results.json.]</span>')
    expect(first).toContain('[1999 ms] stdout: worker: line 1999 ')
    // Every failing rule still gets its details.
    expect(html.match(/<details class="rule-detail">/g)).toHaveLength(30)
  })

  it('cuts huge bodies with a note, and stops adding worker text once the report reaches its size limit', () => {
    const html = renderHtml(largeResults({ rules: 30, calls: 200, lines: 2_000, bodyChars: 50_000 }))
    expect(Buffer.byteLength(html)).toBeLessThan(FIVE_MB)
    expect(rowsOf(html, 'BIG-001')).toMatch(/\[truncated: [\d,]+ more characters in results\.json\]/)
    const last = rowsOf(html, 'BIG-030')
    expect(last).toContain('[omitted: report.html reached its size limit; ')
    // The replay command is never cut: it is what the reader needs most.
    expect(last).toContain('--replay 17:0:0:0:0</code>')
  })
})
