import { isSuccessfulAcknowledgement } from '../trace/acknowledgement.js'
import type { TraceJournal } from '../trace/trace-journal.js'
import type { JobStore } from './job-store.js'

/**
 * Holds the answer to a raced job's winning claim (`JobSpec.race` with
 * `holdMs`) until its dispatch has reached all its polls, or `holdMs` at most:
 * the claim is applied at once, its answer is slow to come back, and the other
 * instances meanwhile are handed the job they may no longer claim. An event
 * wait, so a fast worker's scenario is not held a moment longer than it takes
 * its siblings to poll. Returns what releases every hold (the service closing).
 */
export function holdRacedClaims(trace: TraceJournal, store: JobStore): () => void {
  const held = new Map<string, () => void>()
  const releaseDone = (): void => {
    for (const [id, release] of held) {
      const job = store.get(id)
      if (!job || job.status !== 'InProgress' || job.handOuts >= (job.spec.race?.polls ?? 0)) release()
    }
  }
  const unsubscribe = trace.subscribe((entry) => {
    const job = entry.jobId !== undefined && isSuccessfulAcknowledgement(entry) ? store.get(entry.jobId) : undefined
    const race = job?.spec.race
    if (job && race?.holdMs !== undefined && job.handOuts < race.polls && !held.has(job.spec.id)) {
      const id = job.spec.id
      let resolve = (): void => {}
      const released = new Promise<void>((done) => (resolve = done))
      const release = (): void => {
        clearTimeout(timer)
        held.delete(id)
        resolve()
      }
      const timer = setTimeout(release, race.holdMs)
      held.set(id, release)
      trace.holdAnswer(entry, released)
      return
    }
    // A poll may have handed a raced dispatch out; a result or a timeout may have ended its job.
    if (held.size > 0) releaseDone()
  })
  return () => {
    unsubscribe()
    for (const release of [...held.values()]) release()
  }
}
