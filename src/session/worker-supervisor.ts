import type { OutputLine } from '../report/results.js'
import type { TraceJournal } from '../service/trace/trace-journal.js'
import type { ProcessWorker } from '../worker/process-worker.js'
import { awaitFirstPoll } from './await-first-poll.js'
import type { PlannedStopRecord } from './scenario-events.js'

/** One time the worker stopped on its own during the run. */
export interface WorkerExitRecord {
  /** ms since the fake service started, on the trace's clock. */
  at: number
  pid: number
  code: number | null
  signal: string | null
  /** True when conform stopped it because it had stopped calling (it was hung), not because it exited. */
  hung?: boolean
}

export interface SupervisorOptions {
  /** Starts one worker: a process, or a module in a worker thread. */
  startWorker: () => Promise<ProcessWorker>
  trace: TraceJournal
  startupTimeoutMs: number
  /** Where the worker should send its calls, named when it never polls. */
  endpoint: string
  configSource: string
  maxRestarts: number
  /** The access key the worker signs with: only its own polls show it is up (replicas may poll beside it, CONC-001). */
  accessKeyId?: string
}

/**
 * Keeps a worker running for the whole session, as a production supervisor
 * (systemd, ECS) would: when it exits on its own it is started again at once
 * and must poll again, and the exit is recorded as evidence for the rules.
 * A worker that keeps exiting is given up on after `maxRestarts`.
 */
export class WorkerSupervisor {
  readonly exits: WorkerExitRecord[] = []
  #current: ProcessWorker
  #workers: ProcessWorker[]
  #listeners = new Set<(line: OutputLine) => void>()
  #restarting: Promise<void> | undefined
  #stopped = false
  #failure: Error | undefined
  /** Workers conform is stopping itself (hung, or a planned stop): their exit is not the worker exiting on its own. */
  readonly #stoppingOnPurpose = new Set<ProcessWorker>()
  readonly #plannedStops: PlannedStopRecord[] = []

  private constructor(
    first: ProcessWorker,
    private readonly options: SupervisorOptions,
  ) {
    this.#current = first
    this.#workers = [first]
    this.watch(first)
  }

  /** Starts the first worker and waits for its first poll; errors here are the user's to fix (exit 2). */
  static async start(options: SupervisorOptions): Promise<WorkerSupervisor> {
    const worker = await options.startWorker()
    try {
      await awaitFirstPoll({ trace: options.trace, worker, timeoutMs: options.startupTimeoutMs, endpoint: options.endpoint, configSource: options.configSource, ...ownPolls(options) })
    } catch (error) {
      await worker.stop(0).catch(() => undefined)
      throw error
    }
    return new WorkerSupervisor(worker, options)
  }

  get current(): ProcessWorker {
    return this.#current
  }

  /** Resolves when a worker is running and has polled; rejects when the worker cannot be kept running. */
  async ready(): Promise<void> {
    if (this.#failure) throw this.#failure
    await this.#restarting
    if (this.#failure) throw this.#failure
  }

  /** What every worker of the session printed within [fromAt, toAt]. */
  outputBetween(fromAt: number, toAt: number): OutputLine[] {
    return this.#workers.flatMap((worker) => worker.output.between(fromAt, toAt)).sort((a, b) => a.at - b.at)
  }

  /** Every line printed so far, then each new line as it comes, across restarts. */
  subscribe(listener: (line: OutputLine) => void): () => void {
    for (const worker of this.#workers) for (const line of worker.output.lines()) listener(line)
    this.#listeners.add(listener)
    const unsubscribes = this.#workers.map((worker) => worker.output.subscribe(listener))
    return () => {
      this.#listeners.delete(listener)
      for (const unsubscribe of unsubscribes) unsubscribe()
    }
  }

  /**
   * The worker made no call for a whole scenario: stop it as a hung process
   * (SIGTERM, SIGKILL after the grace) and start a fresh one, recording why.
   */
  async restartHung(graceMs: number): Promise<void> {
    if (this.#stopped || this.#restarting || this.#failure) return this.ready().catch(() => undefined)
    const worker = this.#current
    // The exit watcher must not count this as the worker exiting on its own.
    this.#stoppingOnPurpose.add(worker)
    const { code, signal } = await worker.stop(graceMs)
    this.exits.push({ at: this.options.trace.now(), pid: worker.pid, code, signal, hung: true })
    this.#restarting = this.restartOnce()
    await this.#restarting
  }

  /**
   * A planned stop, as a deployment or a scale-in delivers it: SIGTERM now
   * (synchronously, so the caller knows which calls came after it), SIGKILL
   * after `graceMs`, then a fresh worker for what follows. Not a crash: it is
   * not counted against `maxRestarts` and not listed in `exits`. Resolves
   * once the fresh worker has polled; undefined when no worker was running.
   */
  async plannedStop(graceMs: number): Promise<PlannedStopRecord | undefined> {
    if (this.#stopped || this.#restarting || this.#failure) return undefined
    const worker = this.#current
    const { trace } = this.options
    this.#stoppingOnPurpose.add(worker)
    const signalSeq = trace.recorded
    const signalAt = trace.now()
    const gone = worker.exited.then(() => ({ exitSeq: trace.recorded, exitAt: trace.now() }))
    const { code, signal, killed } = await worker.stop(graceMs)
    const record: PlannedStopRecord = { pid: worker.pid, signalSeq, signalAt, ...(await gone), code, signal, killed, graceMs }
    this.#plannedStops.push(record)
    this.#restarting = this.restartOnce()
    await this.#restarting
    return record
  }

  /** Every planned stop so far, in order. */
  get plannedStops(): readonly PlannedStopRecord[] {
    return this.#plannedStops
  }

  async stop(graceMs: number): Promise<void> {
    this.#stopped = true
    await this.#restarting?.catch(() => undefined)
    await this.#current.stop(graceMs)
  }

  private watch(worker: ProcessWorker): void {
    void worker.exited.then(({ code, signal }) => {
      if (this.#stopped || worker !== this.#current || this.#stoppingOnPurpose.has(worker)) return
      this.exits.push({ at: this.options.trace.now(), pid: worker.pid, code, signal })
      this.#restarting = this.restartOnce()
    })
  }

  /** A restart, forgotten once done, so later restarts (a planned stop, a hang) can start theirs. */
  private restartOnce(): Promise<void> {
    const restarting: Promise<void> = this.restart().finally(() => {
      if (this.#restarting === restarting) this.#restarting = undefined
    })
    return restarting
  }

  private async restart(): Promise<void> {
    for (;;) {
      if (this.#stopped) return
      if (this.exits.length > this.options.maxRestarts) {
        this.#failure = new Error(`the worker exited ${this.exits.length} times; conform stopped restarting it`)
        return
      }
      let worker: ProcessWorker
      try {
        worker = await this.options.startWorker()
      } catch (error) {
        this.#failure = new Error(`the worker could not be restarted after it exited: ${error instanceof Error ? error.message : String(error)}`)
        return
      }
      this.#current = worker
      this.#workers.push(worker)
      for (const listener of this.#listeners) worker.output.subscribe(listener)
      try {
        const { trace, startupTimeoutMs: timeoutMs, endpoint, configSource } = this.options
        await awaitFirstPoll({ trace, worker, timeoutMs, endpoint, configSource, since: trace.recorded, ...ownPolls(this.options) })
        this.watch(worker)
        return
      } catch (error) {
        if (this.#stopped) return
        if (!worker.hasExited()) {
          this.#failure = new Error(`the restarted worker did not poll again: ${error instanceof Error ? error.message : String(error)}`)
          await worker.stop(0).catch(() => undefined)
          return
        }
        const { code, signal } = await worker.exited
        this.exits.push({ at: this.options.trace.now(), pid: worker.pid, code, signal })
      }
    }
  }
}

const ownPolls = (options: SupervisorOptions): { accessKeyId?: string } => (options.accessKeyId !== undefined ? { accessKeyId: options.accessKeyId } : {})
