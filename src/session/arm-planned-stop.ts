import type { PlannedStop } from '../scenarios/planned-stop.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import type { TraceJournal } from '../service/trace/trace-journal.js'
import { acknowledgedStatus } from '../service/trace/acknowledgement.js'
import { jobsListed } from '../service/trace/poll-answer.js'
import type { PlannedStopRecord } from './scenario-events.js'

/** Whether this call is the moment the scenario asked the stop to land. */
function isTrigger(entry: TraceEntry, when: PlannedStop['when'], jobIds: ReadonlySet<string>): boolean {
  if (entry.response.status !== 200) return false
  if (when === 'acknowledged') return entry.operation === 'AcknowledgeJob' && entry.jobId !== undefined && jobIds.has(entry.jobId) && acknowledgedStatus(entry) === 'InProgress'
  return entry.operation === 'PollForJobs' && jobsListed(entry).some((job) => typeof job.id === 'string' && jobIds.has(job.id))
}

/** A PollForJobs answered with a job: the answer a worker must not read before the signal. */
const handsOutJob = (entry: TraceEntry): boolean => entry.operation === 'PollForJobs' && entry.response.status === 200 && jobsListed(entry).length > 0

/**
 * How long the answer that hands out a job is held after the signal: network latency, modelled. No
 * event says a process has run its signal handler. 100 ms was ample on an idle machine but not
 * always under the test suite's load (four sessions on two cores: a worker that read the answer
 * first left SHUT-003 unknown, and the in-process reference failed SHUT-001); 500 ms costs a stop
 * scenario half a second and covers a stall five times as long.
 */
const ANSWER_LATENCY_MS = 500
const answerLatency = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, ANSWER_LATENCY_MS))

/**
 * Arms a planned stop for one scenario: the first call that is its trigger
 * (a claim answered InProgress: mid-job; or a poll handing out one of its
 * jobs: polled, not yet claimed) makes `stop` run at once, inside the trace
 * listener, so SIGTERM leaves before the worker has the answer to that call;
 * a poll's answer is also held a moment, so the signal arrives first.
 * `settled()` resolves with the record once the stop and the restart are
 * done, or undefined when the trigger never came (the arm is then removed).
 */
export function armPlannedStop(options: {
  trace: TraceJournal
  plan: PlannedStop
  jobIds: readonly string[]
  stop: () => Promise<PlannedStopRecord | undefined>
}): { settled(): Promise<PlannedStopRecord | undefined> } {
  const ids = new Set(options.jobIds)
  let stopping: Promise<PlannedStopRecord | undefined> | undefined
  const unsubscribe = options.trace.subscribe((entry) => {
    if (stopping || !isTrigger(entry, options.plan.when, ids)) return
    unsubscribe()
    stopping = options.stop()
    // Every answer handing out a job from the signal on is held, the trigger's own first (a stop at a
    // dispatch): a worker that reads it before its handler has run (a loaded machine; in-process, the
    // abort crosses a thread) claims the job, and reads as one that went on after the signal
    // (SHUT-001 failed the reference so) or shows nothing (SHUT-003 unknown).
    const holdIfJob = (call: TraceEntry): void => {
      if (handsOutJob(call)) options.trace.holdAnswer(call, answerLatency())
    }
    holdIfJob(entry)
    void stopping.finally(options.trace.subscribe(holdIfJob))
  })
  return {
    settled: async () => {
      unsubscribe()
      return stopping
    },
  }
}
