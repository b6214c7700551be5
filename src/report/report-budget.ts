import { truncate } from './safe-text.js'

/**
 * A size budget for one HTML report, so a run with many failing rules, long
 * traces and chatty workers still gives a file a browser opens quickly and a
 * CI artifact store accepts. Each piece of worker-controlled text is cut to
 * its own cap and to what is left of the budget, with a visible note saying
 * what was cut and where the whole of it is (results.json keeps everything).
 *
 * Costs are counted as escaped HTML: `"` and `<` become entities, and JSON
 * bodies are full of quotes.
 */
export class ReportBudget {
  #remaining: number

  constructor(chars: number) {
    this.#remaining = chars
  }

  /** `text`, cut to at most `max` characters and to what is left of the budget, with a note when cut. */
  clip(text: string, max: number): string {
    const room = Math.min(max, Math.floor(this.#remaining / escapeFactor(text)))
    const out = text.length <= room ? text : cutWithNote(text, room, room < max ? 'report.html reached its size limit' : undefined)
    this.#remaining = Math.max(0, this.#remaining - escapedCost(out))
    return out
  }

  /** Charges text the caller keeps whole (short fields such as ids), so the budget stays honest. */
  spend(text: string): string {
    this.#remaining = Math.max(0, this.#remaining - escapedCost(text))
    return text
  }

  /** Charges markup the template adds around worker text (a table row, a line's span). */
  charge(chars: number): void {
    this.#remaining = Math.max(0, this.#remaining - chars)
  }

  get exhausted(): boolean {
    return this.#remaining <= 0
  }
}

/** Cut with a note on its own line, so the reader can tell a cut from text that ends in an ellipsis. */
export function cutWithNote(text: string, max: number, reason?: string): string {
  const hidden = text.length - max
  if (hidden <= 0) return text
  const why = reason ? `${reason}; ` : ''
  if (max <= 0) return `[omitted: ${why}${count(text.length, 'character')}, all in results.json]`
  return `${truncate(text, max)}\n[truncated: ${why}${count(hidden, 'more character')} in results.json]`
}

export function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`
}

function escapedCost(text: string): number {
  let extra = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    // & < > " ' become 4 to 5 character entities; non-ASCII is up to 3 UTF-8 bytes.
    if (code === 38 || code === 60 || code === 62 || code === 34 || code === 39) extra += 4
    else if (code > 0x7f) extra += 2
  }
  return text.length + extra
}

function escapeFactor(text: string): number {
  return text.length === 0 ? 1 : escapedCost(text) / text.length
}
