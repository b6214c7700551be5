/**
 * Worker-controlled text (finding messages quote the worker's requests, its
 * output lines, the scenario) reaches the user's terminal and XML tools. These
 * helpers make it inert there: a worker must not be able to recolour or
 * rewrite the terminal, nor make junit.xml unparseable.
 */

// Well-formed escape sequences, removed whole so coloured worker output reads
// cleanly: CSI (ESC [ or 8-bit 0x9B), OSC (ESC ] ... BEL or ST, e.g. hyperlinks
// and window titles), DCS/SOS/PM/APC strings, and two-byte ESC sequences.
const ANSI_SEQUENCE =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]/g

// Whatever control is left after the sequences are gone (a lone ESC, CR that
// would overwrite the line, BEL, backspace, C1), plus the bidi overrides that
// can make text display in an order other than the one it has.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g

/** Removes terminal escape sequences only; used where the text is escaped anyway (HTML) but colour codes would be noise. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '')
}

/** Safe to print to a terminal: escape sequences and control characters removed; tabs and newlines kept. */
export function terminalSafe(text: string): string {
  return stripAnsi(text).replace(CONTROL, '')
}

/** Safe to print as one terminal line: as terminalSafe, with line breaks and tabs turned into spaces. */
export function oneLine(text: string): string {
  return terminalSafe(text.replace(/\r\n|[\r\n\t]/g, ' '))
}

// XML 1.0 allows only these characters, even as character references; anything
// else (C0 controls, lone surrogates, U+FFFE/U+FFFF) makes the document ill-formed.
const NOT_XML_CHAR = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

/** Replaces characters XML 1.0 cannot carry with a visible `\uXXXX`, so the reader still sees that something was there. */
export function xmlSafe(text: string): string {
  return stripAnsi(text).replace(NOT_XML_CHAR, (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)
}

/** Cuts text to at most `max` characters, marking the cut, so one huge value cannot flood a report. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  // Never cut between the halves of a surrogate pair: a lone half is not valid text.
  if (end > 0 && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1
  return `${text.slice(0, end)}…`
}
