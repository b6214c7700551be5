/**
 * Turns Ctrl-C and --timeout into one AbortSignal. The first Ctrl-C ends the
 * run cleanly (the worker and the fake are stopped, what was found is still
 * written); a second one quits at once.
 */
export function interrupts(options: { timeoutMs?: number; onFirstInterrupt: () => void }): { signal: AbortSignal; interrupted: () => boolean; dispose: () => void } {
  const controller = new AbortController()
  let byUser = false
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130)
    byUser = true
    options.onFirstInterrupt()
    controller.abort('the run was interrupted (Ctrl-C)')
  }
  process.on('SIGINT', onSigint)
  process.on('SIGTERM', onSigint)
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(`the run hit --timeout ${options.timeoutMs} ms`), options.timeoutMs)
  return {
    signal: controller.signal,
    interrupted: () => byUser,
    dispose: () => {
      clearTimeout(timer)
      process.off('SIGINT', onSigint)
      process.off('SIGTERM', onSigint)
    },
  }
}
