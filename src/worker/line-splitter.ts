/**
 * Cuts a stream of text into lines while holding at most `maxLineLength`
 * characters of the line in progress. A worker that prints megabytes with
 * no newline must not grow conform's memory, so the excess of a long line is
 * counted, not kept, and the line ends with a note saying how much went.
 */
export class LineSplitter {
  private pending = ''
  private overflow = 0
  private ended = false

  constructor(
    private readonly maxLineLength: number,
    private readonly emit: (text: string) => void,
  ) {}

  push(chunk: string): void {
    if (this.ended) return
    let start = 0
    while (start < chunk.length) {
      const newline = chunk.indexOf('\n', start)
      const end = newline === -1 ? chunk.length : newline
      this.keep(chunk, start, end)
      if (newline === -1) return
      this.flush()
      start = newline + 1
    }
  }

  /** Emits the unterminated last line, if any; later pushes are ignored. */
  end(): void {
    if (this.ended) return
    this.ended = true
    if (this.pending.length > 0 || this.overflow > 0) this.flush()
  }

  private keep(chunk: string, start: number, end: number): void {
    const room = Math.max(0, this.maxLineLength - this.pending.length)
    const take = Math.min(room, end - start)
    if (take > 0) this.pending += chunk.slice(start, start + take)
    this.overflow += end - start - take
  }

  private flush(): void {
    // CRLF output (Windows-minded tools, some loggers) should not leave a stray \r.
    let text = this.overflow === 0 && this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending
    if (this.overflow > 0) text += ` [conform: ${this.overflow} more characters of this line not kept]`
    this.pending = ''
    this.overflow = 0
    this.emit(text)
  }
}
