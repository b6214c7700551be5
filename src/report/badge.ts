import type { Results } from './results.js'
import { overallVerdict, type OverallVerdict } from './verdicts.js'

/**
 * Colours of the message half. Darker than shields.io's defaults so the
 * white text keeps a contrast of at least 4.5:1 (WCAG AA).
 */
const COLOURS: Record<OverallVerdict, string> = { PASS: '#1a7f37', FAIL: '#cf222e', INCOMPLETE: '#6e7781' }
const LABEL_COLOUR = '#555'
const LABEL = 'conform'

/**
 * badge.svg: a shields.io "flat" style badge for a README, `conform | 6/6 MUST`
 * (MUST rules that passed / MUST rules judged: pass, fail or error). Green
 * when every MUST rule holds in a complete run, red when a MUST rule failed,
 * grey when the run is incomplete (ended early, a harness error, nothing
 * judged): the same reading as the overall verdict and the exit code.
 *
 * @example
 * await writeFile('badge.svg', renderBadge(results))
 */
export function renderBadge(results: Results): string {
  const verdict = overallVerdict(results)
  const must = results.rules.filter((rule) => rule.level === 'MUST')
  const passed = must.filter((rule) => rule.verdict === 'pass').length
  const judged = must.filter((rule) => rule.verdict === 'pass' || rule.verdict === 'fail' || rule.verdict === 'error').length
  const message = `${passed}/${judged} MUST`
  const title = `${LABEL}: ${message} rules passed (${verdict})`
  return flatBadge({ label: LABEL, message, colour: COLOURS[verdict], title })
}

interface BadgeParts {
  label: string
  message: string
  colour: string
  title: string
}

/** shields.io's flat layout: 20 px high, 5 px padding each side of each text, Verdana 11 px drawn at 10x scale. */
function flatBadge({ label, message, colour, title }: BadgeParts): string {
  const labelText = textWidth(label)
  const messageText = textWidth(message)
  const labelWidth = labelText + 10
  const messageWidth = messageText + 10
  const width = labelWidth + messageWidth
  const text = (x: number, content: string, length: number) =>
    `<text aria-hidden="true" x="${x * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${length * 10}">${escapeXml(content)}</text>` +
    `<text x="${x * 10}" y="140" transform="scale(.1)" fill="#fff" textLength="${length * 10}">${escapeXml(content)}</text>`
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeXml(`${label}: ${message}`)}">`,
    `<title>${escapeXml(title)}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="${LABEL_COLOUR}"/><rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${colour}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">`,
    text(labelWidth / 2, label, labelText),
    text(labelWidth + messageWidth / 2, message, messageText),
    '</g>',
    '</svg>',
    '',
  ].join('\n')
}

// Advance widths of Verdana at 11 px, for the characters a badge shows; others get an average.
const WIDTHS: Record<string, number> = {
  ' ': 3.9, '/': 5, '(': 5, ')': 5, '-': 5, '.': 4, ':': 4.5,
  '0': 7, '1': 7, '2': 7, '3': 7, '4': 7, '5': 7, '6': 7, '7': 7, '8': 7, '9': 7,
  M: 9.3, U: 8.1, S: 7.5, T: 6.8, c: 5.7, o: 6.7, n: 7, f: 3.9, r: 4.7, m: 10.7,
}

function textWidth(text: string): number {
  let width = 0
  for (const char of text) width += WIDTHS[char] ?? (/[A-Z]/.test(char) ? 7.5 : 6.2)
  return Math.round(width)
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
