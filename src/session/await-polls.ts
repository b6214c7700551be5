import { POLL_OPERATIONS } from '../service/trace/poll-answer.js'
import type { TraceJournal } from '../service/trace/trace-journal.js'

/**
 * Watches the worker poll an empty queue: resolves after `polls` more poll
 * calls, or at the deadline with what came. An event wait, never a sleep: a
 * worker polling every 25 ms ends it in a fraction of a second, one backing
 * off to 30 s ends it at the deadline, and that is evidence too.
 */
export function awaitPolls(
  trace: TraceJournal,
  options: { polls: number; deadlineMs: number },
): Promise<{ afterSeq: number; untilSeq: number; endedBy: 'polls' | 'deadline' }> {
  const afterSeq = trace.recorded
  return new Promise((resolve) => {
    let seen = 0
    const finish = (endedBy: 'polls' | 'deadline'): void => {
      clearTimeout(timer)
      unsubscribe()
      resolve({ afterSeq, untilSeq: trace.recorded, endedBy })
    }
    const timer = setTimeout(() => finish('deadline'), options.deadlineMs)
    const unsubscribe = trace.subscribe((entry) => {
      if (POLL_OPERATIONS.has(entry.operation) && ++seen >= options.polls) finish('polls')
    })
  })
}
