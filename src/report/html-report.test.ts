import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { renderHtml } from './html-report.js'
import type { Results } from './results.js'
import { sampleResults } from '../../test/support/sample-results.js'

const PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>']
const HOSTILE = PAYLOADS.join(' ')

/** The sample with every worker-controlled string replaced by markup a browser would run if it were not escaped. */
function hostileResults(): Results {
  const results = sampleResults()
  results.worker.path = HOSTILE
  results.command = HOSTILE
  const rule = results.rules[0]!
  rule.summary = HOSTILE
  rule.sources = ['javascript:alert(1)', ' https://example.com/leading-space', 'https://docs.aws.amazon.com/x.html"><svg onload=alert(1)>']
  const example = rule.counterexample!
  example.scenario = { jobs: [{ id: HOSTILE, note: HOSTILE }] }
  example.findings = [{ jobId: HOSTILE, seq: 2, message: HOSTILE, expected: [HOSTILE], actual: HOSTILE }]
  example.trace = example.trace.map((entry) => ({ ...entry, jobId: HOSTILE, operation: HOSTILE, request: { jobId: HOSTILE }, response: { status: 400, errorType: HOSTILE, body: { message: HOSTILE } } }))
  example.workerOutput = [{ at: 1, stream: 'stderr', text: `\x1b[31m${HOSTILE}\x1b[0m` }]
  example.replay = `npx conform ${HOSTILE}`
  return results
}

/** Every start tag in the document, as written. */
function startTags(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? []
}

describe('renderHtml', () => {
  it('shows the verdict, the rules by area and the failing rule in a <details> with everything to replay it', () => {
    const html = renderHtml(sampleResults())
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(html).toContain('<span class="overall overall-FAIL">FAIL</span>')
    expect(html).toContain('<p class="lede">1 MUST rule failed. Needs attention: <a href="#rule-ack-001">ACK-001</a></p>')
    expect([...html.matchAll(/<h2 id="area-([a-z-]+)">/g)].map((match) => match[1])).toEqual(['acknowledgement', 'nonce', 'results', 'continuation'])
    expect(html.match(/<details class="rule-detail">/g)).toHaveLength(1)
    expect(html).toContain('<td data-label="Verdict"><span class="badge v-na">N/A</span></td>')
    expect(html).toContain(
      '<li><a href="https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html" rel="noopener noreferrer">https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-custom-action.html</a> (job worker workflow, step 3)</li>',
    )
    expect(html).toContain('<code id="replay-rule-ack-001">npx conform fixtures/workers/ack-001-skips-ack --rule ACK-001 --seed 1234 --replay 17:0:0:0:0</code>')
    expect(html).toContain('<tr class="flagged">')
    expect(html).toContain('<span class="out-stderr">[61 ms] stderr: worker: AcknowledgeJob failed: InvalidJobStateException</span>')
  })

  it('says PASS only for a complete run where no MUST rule failed, and INCOMPLETE for a run that ended early', () => {
    const passing = sampleResults()
    passing.rules = passing.rules.filter((rule) => rule.verdict !== 'fail')
    expect(renderHtml(passing)).toContain('<span class="overall overall-PASS">PASS</span>')
    passing.complete = false
    expect(renderHtml(passing)).toContain('<span class="overall overall-INCOMPLETE">INCOMPLETE</span>')
  })

  it('expands a harness error with its summary, and no counterexample sections', () => {
    const results = sampleResults()
    Object.assign(results.rules[1]!, { verdict: 'error', summary: 'The suite reported no outcome for this rule.' })
    const html = renderHtml(results)
    expect(html.match(/<details class="rule-detail">/g)).toHaveLength(2)
    const detail = html.slice(html.indexOf('<summary>NONCE-001: why it could not be checked</summary>'))
    expect(detail.slice(0, detail.indexOf('</details>'))).not.toMatch(/Findings|Shrunk scenario|Calls in order|Replay/)
    expect(detail).toContain('<p>The suite reported no outcome for this rule.</p>')
  })

  it('draws the calls between worker, CodePipeline and S3 as an inline SVG, the flagged call marked, and tags each row for the filters', () => {
    const html = renderHtml(sampleResults())
    const svg = html.slice(html.indexOf('<svg class="sequence"'), html.indexOf('</svg>'))
    expect([...svg.matchAll(/<text class="lane-label"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])).toEqual(['worker', 'CodePipeline', 'S3'])
    expect([...svg.matchAll(/<text class="call-label"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])).toEqual(['#1 PollForJobs', '#2 PutJobSuccessResult &#9888;', '#3 AcknowledgeJob'])
    expect([...svg.matchAll(/<text class="(ok|err)"[^>]*>([^<]*)<\/text>/g)].map((match) => `${match[1]} ${match[2]}`)).toEqual(['ok 200', 'ok 200', 'err 400 InvalidJobStateException'])
    expect(svg.match(/<rect class="flag"/g)).toHaveLength(1)
    expect(html).toContain('<tr id="rule-ack-001" data-verdict="fail" data-level="MUST">')
    expect(html).toContain('<tr id="rule-cont-001" data-verdict="n/a" data-level="SHOULD">')
    expect(html).toContain('<label><input type="checkbox" name="verdict" value="n/a" checked>N/A (1)</label>')
  })

  it('loads nothing from the network, and allows only its own inline script', () => {
    const html = renderHtml(sampleResults())
    expect(html).not.toMatch(/\b(?:src|srcset)=|<link\b|@import|url\(/i)
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]
    expect(scripts).toHaveLength(1)
    const hash = createHash('sha256').update(scripts[0]![1]!).digest('base64')
    expect(html).toContain(`script-src 'sha256-${hash}'`)
  })

  it('escapes worker-controlled text everywhere, and links no source that is not https', () => {
    const html = renderHtml(hostileResults())
    for (const payload of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>']) {
      expect(html).not.toContain(payload)
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; javascript:alert(1) &quot;&gt;&lt;svg onload=alert(1)&gt;')
    // The only tags are the template's: one script, no img, the one sequence diagram's svg, no event handler attributes.
    const tags = startTags(html)
    expect(tags.filter((tag) => /^<script\b/i.test(tag))).toEqual(['<script>'])
    expect(tags.filter((tag) => /^<img\b/i.test(tag))).toEqual([])
    expect(tags.filter((tag) => /^<svg\b/i.test(tag))).toEqual(['<svg class="sequence" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 208" role="img" aria-labelledby="seq-rule-ack-001">'])
    expect(tags.filter((tag) => /\son\w+=/i.test(tag))).toEqual([])
    // Links: in-page anchors, or the one well-formed https source (its quote percent-encoded by URL).
    const hrefs = tags.flatMap((tag) => [...tag.matchAll(/\shref="([^"]*)"/g)].map((match) => match[1]))
    expect(hrefs.filter((href) => !href!.startsWith('#'))).toEqual(['https://docs.aws.amazon.com/x.html%22%3E%3Csvg'])
    expect(html).toContain('<li>javascript:alert(1)</li>')
    expect(html).toContain('<li> https://example.com/leading-space</li>')
    // Colour codes in worker output are noise in HTML: removed, the text kept (escaped).
    expect(html).toContain('<span class="out-stderr">[1 ms] stderr: &lt;script&gt;')
    expect(html).not.toContain('\x1b')
  })
})
