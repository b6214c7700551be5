import { performance } from 'node:perf_hooks'
import type { TraceEntry } from './trace-entry.js'

/** What a caller supplies to record a call; the journal assigns `seq` and `at`. */
export type TraceRecord = Omit<TraceEntry, 'seq' | 'at'>

/**
 * How much of the trace the journal keeps: the first `head` entries and the
 * last `tail`, as report.html shows a long trace (start and end, a gap between
 * them). Entries after `keepFrom`'s seq are never dropped, so the
 * rules always judge a whole scenario; what is dropped is only what no one
 * reads any more, in a long `conform serve` or bench run.
 */
export interface TraceRetention {
  head: number
  tail: number
}

export const DEFAULT_TRACE_RETENTION: TraceRetention = { head: 1_000, tail: 10_000 }

/**
 * The journal of every call the fake service answered, in `seq` order.
 *
 * @example
 * const trace = new TraceJournal()
 * const stop = trace.subscribe((entry) => console.log(entry.operation))
 * trace.record({ service: 'codepipeline', operation: 'PollForJobs', request: {}, response: { status: 200 } })
 * stop()
 */
export class TraceJournal {
  readonly #origin = performance.now()
  /** The first `head` entries, then the latest ones; always in seq order. */
  readonly #entries: TraceEntry[] = []
  readonly #listeners = new Set<(entry: TraceEntry) => void>()
  readonly #holds = new WeakMap<TraceEntry, Promise<unknown>>()
  readonly #retention: TraceRetention
  /** Every entry after this seq is kept (the scenario in play reads them all). */
  #keptFrom = Infinity
  #recorded = 0
  #dropped = 0
  /** Trimmed in batches: when the kept entries pass this many, a quarter of the tail beyond retention. */
  #trimAt: number

  constructor(retention: Partial<TraceRetention> = {}) {
    this.#retention = { ...DEFAULT_TRACE_RETENTION, ...retention }
    this.#trimAt = this.#retention.head + Math.ceil(this.#retention.tail * 1.25)
  }

  /** Milliseconds since the journal was created, on the monotonic clock. */
  now(): number {
    return performance.now() - this.#origin
  }

  record(call: TraceRecord): TraceEntry {
    const entry: TraceEntry = { seq: ++this.#recorded, at: this.now(), ...call }
    this.#entries.push(entry)
    if (this.#entries.length > this.#trimAt) this.#trim()
    for (const listener of [...this.#listeners]) listener(entry)
    return entry
  }

  /** The seq of the latest entry: how many calls were recorded, kept or not. */
  get recorded(): number {
    return this.#recorded
  }

  /** How many entries were dropped (between the first `head` and the last `tail`). */
  get dropped(): number {
    return this.#dropped
  }

  /** The entries kept, in seq order: everything unless the journal outgrew its retention. */
  entries(): readonly TraceEntry[] {
    return this.#entries
  }

  /** The kept entries with `afterSeq < seq <= untilSeq`. */
  since(afterSeq: number, untilSeq = Infinity): TraceEntry[] {
    const entries = this.#entries
    const out: TraceEntry[] = []
    for (let i = this.#indexAfter(afterSeq); i < entries.length && (entries[i] as TraceEntry).seq <= untilSeq; i++) out.push(entries[i] as TraceEntry)
    return out
  }

  /**
   * Keeps every entry after `afterSeq`, until the next call moves the mark:
   * the session calls it as each scenario starts (they play one at a time).
   */
  keepFrom(afterSeq: number): void {
    this.#keptFrom = afterSeq
  }

  /** The entries naming one of these jobs (request jobId, or the job owning an S3 key). */
  forJobs(ids: string[]): TraceEntry[] {
    const wanted = new Set(ids)
    return this.#entries.filter((entry) => entry.jobId !== undefined && wanted.has(entry.jobId))
  }

  /**
   * Makes the answer to a call just recorded wait for `until`. A listener that
   * sends the worker something because of this call (a planned SIGTERM) lets
   * it arrive first, as when the answer is still on the wire.
   */
  holdAnswer(entry: TraceEntry, until: Promise<unknown>): void {
    this.#holds.set(entry, until)
  }

  /** What the transport awaits before it sends the answer to this call; undefined when nothing holds it. */
  answerHold(entry: TraceEntry): Promise<unknown> | undefined {
    return this.#holds.get(entry)
  }

  /** Calls `fn` for every entry recorded from now on; returns the unsubscribe function. */
  subscribe(fn: (entry: TraceEntry) => void): () => void {
    this.#listeners.add(fn)
    return () => {
      this.#listeners.delete(fn)
    }
  }

  /** The index of the first kept entry with a seq above `seq`. */
  #indexAfter(seq: number): number {
    const entries = this.#entries
    let low = 0
    let high = entries.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((entries[mid] as TraceEntry).seq <= seq) low = mid + 1
      else high = mid
    }
    return low
  }

  #trim(): void {
    const { head, tail } = this.#retention
    // Never an entry the scenario in play may read.
    const end = Math.min(this.#entries.length - tail, this.#indexAfter(this.#keptFrom))
    if (end > head) {
      this.#entries.splice(head, end - head)
      this.#dropped += end - head
    }
    this.#trimAt = Math.max(head + Math.ceil(tail * 1.25), this.#entries.length + Math.ceil(tail / 4))
  }
}
