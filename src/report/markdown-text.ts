import { oneLine, truncate } from './safe-text.js'

/**
 * Worker-controlled text made inert in GitHub-flavoured Markdown: it shows
 * literally, whatever it contains. The characters Markdown or GFM give a
 * meaning anywhere in a line (emphasis, strikethrough, links and images,
 * tables, code, math, headings and their closing `#`s) are backslash-escaped, which CommonMark guarantees
 * renders as the character itself; those that matter only at the start of a
 * line (lists, rules, setext headings) are escaped by `mdLine`; `&`, `<` and `>`
 * become entities so no HTML tag, entity or autolink can start. Line breaks
 * become spaces, because a table cell or list item is one line.
 *
 * @example
 * `| ${mdText(rule.title)} |`
 */
export function mdText(text: string, max = 500): string {
  return truncate(oneLine(text), max)
    .replace(/[\\`*_[\]()#!|~$]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/**
 * As `mdText`, for text that starts a line (a paragraph, a quote): a leading
 * `-`, `+`, `=` or `1.` would otherwise make a list, rule or heading.
 */
export function mdLine(text: string, max = 500): string {
  return mdText(text, max).replace(/^(\s*)(?:([+\-=])|(\d+)(?=[.)]))/, (_, space: string, mark?: string, digits?: string) => (mark ? `${space}\\${mark}` : `${space}${digits}\\`))
}

/**
 * Inline code, for values a reader may copy: a delimiter one backtick longer
 * than the longest run inside, padded with spaces when the content starts or
 * ends with a backtick, so the content cannot close the span. Not for table
 * cells: GFM splits cells on `|` even inside code.
 */
export function mdCode(text: string, max = 500): string {
  const content = truncate(oneLine(text), max)
  const fence = '`'.repeat(longestRun(content, '`') + 1)
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : ''
  return `${fence}${pad}${content}${pad}${fence}`
}

/** A fenced code block whose fence no line of the content can close. */
export function mdCodeBlock(text: string, language: string): string {
  const content = oneLine(text)
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1))
  return `${fence}${language}\n${content}\n${fence}`
}

function longestRun(text: string, char: string): number {
  let longest = 0
  let run = 0
  for (const c of text) {
    run = c === char ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  return longest
}
