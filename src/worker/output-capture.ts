import type { Readable } from 'node:stream'
import type { OutputLine } from '../report/results.js'
import { LineSplitter } from './line-splitter.js'

export type { OutputLine }

export interface OutputCaptureOptions {
  /** Time stamp for each line; conform passes the fake service's clock so lines line up with the trace. */
  clock: () => number
  /** Lines kept from the start (startup messages explain most failures). Default 200. */
  headLines?: number
  /** Lines kept from the end (what happened just before a failure). Default 2000. */
  tailLines?: number
  /** Characters kept per line; the rest is counted. Default 4096. */
  maxLineLength?: number
}

/**
 * Bounded capture of a worker's stdout and stderr. Keeps the first
 * `headLines` and the last `tailLines` lines, each cut to `maxLineLength`,
 * so memory stays bounded however much the worker prints; subscribers see
 * every line as it completes (the secret-leak checks need all of them).
 *
 * @example
 * const output = new OutputCapture({ clock: () => trace.now() })
 * output.attach(child.stdout, 'stdout')
 * output.last(12) // for an error message
 */
export class OutputCapture {
  private readonly clock: () => number
  private readonly headLines: number
  private readonly tailLines: number
  private readonly maxLineLength: number
  private readonly head: OutputLine[] = []
  /** Ring buffer: `tail[(tailStart + i) % tailLines]` for i < tailCount. */
  private readonly tail: OutputLine[] = []
  private tailStart = 0
  private tailCount = 0
  private dropped = 0
  private droppedFromAt = 0
  private droppedToAt = 0
  private readonly listeners = new Set<(line: OutputLine) => void>()

  constructor(options: OutputCaptureOptions) {
    this.clock = options.clock
    this.headLines = options.headLines ?? 200
    this.tailLines = options.tailLines ?? 2000
    this.maxLineLength = options.maxLineLength ?? 4096
  }

  /** Reads `stream` as UTF-8 to its end, recording each line under `name`. */
  attach(stream: Readable, name: 'stdout' | 'stderr'): void {
    const splitter = new LineSplitter(this.maxLineLength, (text) => this.record({ at: this.clock(), stream: name, text }))
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => splitter.push(chunk))
    stream.on('end', () => splitter.end())
    stream.on('close', () => splitter.end())
  }

  /** Every kept line in order, with one marker line where lines were dropped. */
  lines(): OutputLine[] {
    if (this.dropped === 0) return [...this.head, ...this.tailLinesInOrder()]
    return [...this.head, this.marker(), ...this.tailLinesInOrder()]
  }

  /** Kept lines stamped within [fromAt, toAt], with the marker if dropped lines fell in that span. */
  between(fromAt: number, toAt: number): OutputLine[] {
    const inSpan = (line: OutputLine): boolean => line.at >= fromAt && line.at <= toAt
    const result = this.head.filter(inSpan)
    if (this.dropped > 0 && this.droppedFromAt <= toAt && this.droppedToAt >= fromAt) result.push(this.marker())
    result.push(...this.tailLinesInOrder().filter(inSpan))
    return result
  }

  /** The last `n` kept lines (no marker): what the worker said just before something went wrong. */
  last(n: number): OutputLine[] {
    if (n <= 0) return []
    const kept = [...this.head, ...this.tailLinesInOrder()]
    return kept.slice(Math.max(0, kept.length - n))
  }

  /** Calls `fn` with every line as it completes, kept or not. Returns the unsubscribe function. */
  subscribe(fn: (line: OutputLine) => void): () => void {
    this.listeners.add(fn)
    return () => {
      this.listeners.delete(fn)
    }
  }

  private record(line: OutputLine): void {
    for (const listener of this.listeners) listener(line)
    if (this.head.length < this.headLines) {
      this.head.push(line)
      return
    }
    if (this.tailLines === 0) {
      this.noteDropped(line)
      return
    }
    if (this.tailCount < this.tailLines) {
      this.tail[(this.tailStart + this.tailCount) % this.tailLines] = line
      this.tailCount += 1
      return
    }
    const evicted = this.tail[this.tailStart]
    if (evicted) this.noteDropped(evicted)
    this.tail[this.tailStart] = line
    this.tailStart = (this.tailStart + 1) % this.tailLines
  }

  private noteDropped(line: OutputLine): void {
    if (this.dropped === 0) this.droppedFromAt = line.at
    this.droppedToAt = line.at
    this.dropped += 1
  }

  private marker(): OutputLine {
    return {
      at: this.droppedFromAt,
      stream: 'stderr',
      text: `[conform: ${this.dropped} lines not kept; the first ${this.headLines} and the last ${this.tailLines} are]`,
    }
  }

  private tailLinesInOrder(): OutputLine[] {
    const lines: OutputLine[] = []
    for (let i = 0; i < this.tailCount; i += 1) {
      const line = this.tail[(this.tailStart + i) % this.tailLines]
      if (line) lines.push(line)
    }
    return lines
  }
}
