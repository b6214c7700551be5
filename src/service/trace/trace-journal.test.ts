import { describe, expect, it } from 'vitest'
import { TraceJournal } from './trace-journal.js'

const poll = { service: 'codepipeline', operation: 'PollForJobs', request: {}, response: { status: 200 } } as const

describe('TraceJournal retention', () => {
  it('keeps the first and the last entries of a long trace, and counts what it dropped', () => {
    const trace = new TraceJournal({ head: 3, tail: 8 })
    for (let i = 0; i < 100; i++) trace.record(poll)
    const seqs = trace.entries().map((e) => e.seq)
    expect(seqs.slice(0, 3)).toEqual([1, 2, 3])
    expect(seqs.slice(-8)).toEqual([93, 94, 95, 96, 97, 98, 99, 100])
    // Trimmed in batches: never more than head + 1.25 tail, never less than head + tail.
    expect(seqs.length).toBeGreaterThanOrEqual(11)
    expect(seqs.length).toBeLessThanOrEqual(13)
    expect(trace.recorded).toBe(100)
    expect(trace.dropped).toBe(100 - seqs.length)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
  })

  it('never drops an entry after the keepFrom mark, however many there are', () => {
    const trace = new TraceJournal({ head: 2, tail: 4 })
    for (let i = 0; i < 10; i++) trace.record(poll)
    trace.keepFrom(trace.recorded)
    for (let i = 0; i < 50; i++) trace.record(poll)
    expect(trace.since(10).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 11 + i))
    // Once the mark moves on, the older ones go (but the first two).
    trace.keepFrom(trace.recorded)
    for (let i = 0; i < 10; i++) trace.record(poll)
    expect(trace.since(2, 60)).toEqual([])
    expect(trace.entries().map((e) => e.seq)).toEqual([1, 2, ...Array.from({ length: 10 }, (_, i) => 61 + i)])
  })

  it('reads a window of entries by seq', () => {
    const trace = new TraceJournal()
    for (let i = 0; i < 10; i++) trace.record(poll)
    expect(trace.since(3, 6).map((e) => e.seq)).toEqual([4, 5, 6])
    expect(trace.since(8).map((e) => e.seq)).toEqual([9, 10])
    expect(trace.since(10)).toEqual([])
  })
})
