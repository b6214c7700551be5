import { describe, expect, it } from 'vitest'
import { renderBadge } from './badge.js'
import { sampleResults } from '../../test/support/sample-results.js'

function parts(svg: string): { message: string; fill: string; label: string } {
  const texts = [...svg.matchAll(/<text x="\d+" y="140"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])
  return { label: texts[0] ?? '', message: texts[1] ?? '', fill: /<rect x="\d+" width="\d+" height="20" fill="(#[0-9a-f]+)"/.exec(svg)?.[1] ?? '' }
}

describe('renderBadge', () => {
  it('is green with every MUST rule passing in a complete run', () => {
    const results = sampleResults()
    results.rules = results.rules.filter((rule) => rule.verdict !== 'fail' && rule.verdict !== 'unknown')
    const svg = renderBadge(results)
    expect(parts(svg)).toEqual({ label: 'conform', message: '1/1 MUST', fill: '#1a7f37' })
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20" role="img" aria-label="conform: 1\/1 MUST">\n<title>conform: 1\/1 MUST rules passed \(PASS\)<\/title>/)
  })

  it('is red when a MUST rule failed, counting only the MUST rules that were judged', () => {
    // ACK-001 fail, NONCE-001 pass, RESULT-001 unknown (not judged), CONT-001 SHOULD.
    expect(parts(renderBadge(sampleResults()))).toEqual({ label: 'conform', message: '1/2 MUST', fill: '#cf222e' })
  })

  it('is grey when the run is incomplete, even with every judged MUST rule passing', () => {
    const results = sampleResults()
    results.rules = results.rules.filter((rule) => rule.verdict !== 'fail')
    results.complete = false
    expect(parts(renderBadge(results))).toEqual({ label: 'conform', message: '1/1 MUST', fill: '#6e7781' })
    expect(renderBadge(results)).toContain('<title>conform: 1/1 MUST rules passed (INCOMPLETE)</title>')
  })

  it('is a well-formed SVG whose width grows with its text', () => {
    const small = renderBadge(sampleResults())
    const results = sampleResults()
    results.rules = Array.from({ length: 120 }, (_, i) => ({ ...results.rules[1]!, id: `N-${i}` }))
    const wide = renderBadge(results)
    expect(parts(wide).message).toBe('120/120 MUST')
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1])
    expect(width(wide)).toBeGreaterThan(width(small))
    expect(wide.match(/<(\w+)[\s>]/g)?.length).toBe(wide.match(/<\/\w+>|\/>/g)?.length)
  })
})
