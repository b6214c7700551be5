import type { TraceEntry } from './trace-entry.js'

/** The claim calls of both job families: a partner job is acknowledged under another name. */
export const ACKNOWLEDGEMENTS: ReadonlySet<string> = new Set(['AcknowledgeJob', 'AcknowledgeThirdPartyJob'])

/** The status an AcknowledgeJob answer carried, when it succeeded at the wire level. */
export function acknowledgedStatus(entry: TraceEntry): string | undefined {
  if (entry.response.status !== 200) return undefined
  const body = entry.response.body as { status?: unknown } | undefined
  return typeof body?.status === 'string' ? body.status : undefined
}

/** A claim the service answered InProgress: the caller now holds the job. */
export const isSuccessfulAcknowledgement = (entry: TraceEntry): boolean =>
  ACKNOWLEDGEMENTS.has(entry.operation) && acknowledgedStatus(entry) === 'InProgress'
