import { performance } from 'node:perf_hooks'
import type { TraceEntry } from './trace-entry.js'

/** What a caller supplies to record a call; the journal assigns `seq` and `at`. */
export type TraceRecord = Omit<TraceEntry, 'seq' | 'at'>

/**
 * The append-only journal of every call the fake service answered.
 *
 * @example
 * const trace = new TraceJournal()
 * const stop = trace.subscribe((entry) => console.log(entry.operation))
 * trace.record({ service: 'codepipeline', operation: 'PollForJobs', request: {}, response: { status: 200 } })
 * stop()
 */
export class TraceJournal {
  readonly #origin = performance.now()
  readonly #entries: TraceEntry[] = []
  readonly #listeners = new Set<(entry: TraceEntry) => void>()

  /** Milliseconds since the journal was created, on the monotonic clock. */
  now(): number {
    return performance.now() - this.#origin
  }

  record(call: TraceRecord): TraceEntry {
    const entry: TraceEntry = { seq: this.#entries.length + 1, at: this.now(), ...call }
    this.#entries.push(entry)
    for (const listener of [...this.#listeners]) listener(entry)
    return entry
  }

  entries(): readonly TraceEntry[] {
    return this.#entries
  }

  /** The entries naming one of these jobs (request jobId, or the job owning an S3 key). */
  forJobs(ids: string[]): TraceEntry[] {
    const wanted = new Set(ids)
    return this.#entries.filter((entry) => entry.jobId !== undefined && wanted.has(entry.jobId))
  }

  /** Calls `fn` for every entry recorded from now on; returns the unsubscribe function. */
  subscribe(fn: (entry: TraceEntry) => void): () => void {
    this.#listeners.add(fn)
    return () => {
      this.#listeners.delete(fn)
    }
  }
}
