import type { TraceEntry } from '../service/trace/trace-entry.js'
import type { ReplicaRecord } from '../session/scenario-events.js'
import { artifactCredentialsOf } from './trace-queries.js'

/**
 * Which replica made a call, from the trace alone: a CodePipeline call by the
 * worker credentials that signed it (each replica has its own); an S3 call by
 * the artifact credentials that signed it, which the fake hands out afresh in
 * each poll or GetJobDetails answer, so they name the replica that asked.
 * Undefined for a call no replica's identity explains.
 */
export function replicaAttribution(trace: readonly TraceEntry[], record: ReplicaRecord, jobIds: readonly string[]): (entry: TraceEntry) => number | undefined {
  const byKey = new Map(record.workers.map((worker) => [worker.accessKeyId, worker.replica]))
  const bySeq = new Map(trace.map((entry) => [entry.seq, entry]))
  for (const jobId of jobIds) {
    for (const handed of artifactCredentialsOf(trace, jobId)) {
      const asker = bySeq.get(handed.seq)?.accessKeyId
      const replica = asker === undefined ? undefined : byKey.get(asker)
      if (replica !== undefined) byKey.set(handed.accessKeyId, replica)
    }
  }
  return (entry) => (entry.accessKeyId === undefined ? undefined : byKey.get(entry.accessKeyId))
}
