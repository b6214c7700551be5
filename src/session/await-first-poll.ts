import { displayPath } from '../config/display-path.js'
import { ConformError } from '../errors/conform-error.js'
import { POLL_OPERATIONS } from '../service/trace/poll-answer.js'
import type { TraceJournal } from '../service/trace/trace-journal.js'
import type { ProcessWorker } from '../worker/process-worker.js'

/**
 * Resolves at the worker's first PollForJobs (or PollForThirdPartyJobs). A worker that never polls is
 * the most common first-run problem (it is talking to real AWS, or to a
 * hard-coded endpoint), so the error names the variable and shows its output.
 */
export async function awaitFirstPoll(options: {
  trace: TraceJournal
  worker: ProcessWorker
  timeoutMs: number
  endpoint: string
  configSource: string
  /** Only polls after this seq count (a restarted worker must poll again itself). */
  since?: number
  /** Only polls signed with this access key count (a replica among others, each with its own credentials). */
  accessKeyId?: string
}): Promise<void> {
  const { trace, worker } = options
  const counts = (e: { operation: string; accessKeyId?: string }): boolean => POLL_OPERATIONS.has(e.operation) && (options.accessKeyId === undefined || e.accessKeyId === options.accessKeyId)
  if (trace.since(options.since ?? 0).some(counts)) return
  let unsubscribe = (): void => {}
  let timer: NodeJS.Timeout | undefined
  try {
    await new Promise<void>((resolve, reject) => {
      unsubscribe = trace.subscribe((entry) => {
        if (counts(entry)) resolve()
      })
      timer = setTimeout(() => reject(neverPolled(options)), options.timeoutMs)
      void worker.exited.then(({ code, signal }) => reject(exitedEarly(options, code, signal)))
    })
  } finally {
    unsubscribe()
    clearTimeout(timer)
  }
}

function lastLines(worker: ProcessWorker): string {
  const lines = worker.output.last(12)
  if (lines.length === 0) return ' It printed nothing.'
  return ` Its last output:\n${lines.map((l) => `  ${l.stream === 'stderr' ? '!' : '|'} ${l.text}`).join('\n')}`
}

function neverPolled(options: { worker: ProcessWorker; timeoutMs: number; endpoint: string; configSource: string }): ConformError {
  return new ConformError(
    'CONFORM_WORKER_NEVER_POLLED',
    `conform: the worker started (pid ${options.worker.pid}) but made no PollForJobs call within ${options.timeoutMs} ms. ` +
      `Is it reading AWS_ENDPOINT_URL_CODEPIPELINE (${options.endpoint})? SDKs from before late 2023 ignore that variable: pass it as the client's endpoint. ` +
      `If the worker only needs longer to start, raise startupTimeoutMs in ${displayPath(options.configSource)}.` +
      lastLines(options.worker),
  )
}

function exitedEarly(options: { worker: ProcessWorker; configSource: string }, code: number | null, signal: string | null): ConformError {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
  return new ConformError(
    'CONFORM_WORKER_EXITED',
    `conform: the worker ${how} before its first PollForJobs call. Check that \`command\` in ${displayPath(options.configSource)} starts a long-running poll loop.` +
      lastLines(options.worker),
  )
}
