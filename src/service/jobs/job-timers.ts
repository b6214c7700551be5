/**
 * The fake's timers, by name: at most one of each kind per job (its timeout,
 * its re-dispatch window, its abandonment, its pending continuation).
 * Setting a timer again replaces it; none keeps the process alive.
 */
export class JobTimers {
  readonly #timers = new Map<string, NodeJS.Timeout>()

  set(name: string, ms: number, fire: () => void): void {
    this.clear(name)
    const timer = setTimeout(() => {
      this.#timers.delete(name)
      fire()
    }, ms)
    timer.unref()
    this.#timers.set(name, timer)
  }

  has(name: string): boolean {
    return this.#timers.has(name)
  }

  clear(name: string): void {
    const timer = this.#timers.get(name)
    if (timer !== undefined) clearTimeout(timer)
    this.#timers.delete(name)
  }

  clearAll(): void {
    for (const name of [...this.#timers.keys()]) this.clear(name)
  }
}
