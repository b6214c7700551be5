/**
 * What the session did to the worker while a scenario played, beyond queuing
 * its jobs: an idle stretch it watched, a planned stop it delivered. Plain data, recorded on the trace's clock and sequence,
 * so the rules can tell which calls fall inside each window.
 */
export interface ScenarioEvents {
  /** The empty-poll stretch after the scenario's jobs settled: polls with `afterSeq < seq <= untilSeq`. */
  idle?: { afterSeq: number; untilSeq: number; endedBy: 'polls' | 'deadline' }
  /** The planned stop: SIGTERM at `signalSeq`/`signalAt`, the worker gone at `exitSeq`/`exitAt`. */
  stop?: PlannedStopRecord
  /** The instances of the worker that polled the queue together (CONC-001). */
  replicas?: ReplicaRecord
}

/** Which access key each replica signed its CodePipeline calls with: how a call in the trace names its replica. */
export interface ReplicaRecord {
  /** Replica 1 is the session's own worker; the others were started for the scenario and stopped after it. */
  workers: { replica: number; accessKeyId: string; pid: number }[]
}

export interface PlannedStopRecord {
  pid: number
  /** The trace's length when SIGTERM was sent: calls with a higher seq came after it. */
  signalSeq: number
  signalAt: number
  /** The trace's length when the worker was gone: calls up to it are the stopping worker's (its successor starts after). */
  exitSeq: number
  exitAt: number
  code: number | null
  signal: string | null
  /** SIGKILL was needed: the worker did not exit within `graceMs`. */
  killed: boolean
  graceMs: number
}
