/**
 * Whether a worker exits within its grace. When the grace timer fires, the exit may already be
 * waiting to be read: after a stall of conform's own thread (a loaded machine, a long synchronous
 * task), the event loop runs due timers before the I/O that reports the exit. So one turn of I/O
 * (setImmediate) passes before `hasExited` decides, and a worker that exited in time is never
 * read as one that had to be killed.
 */
export async function exitedWithin(exited: Promise<unknown>, hasExited: () => boolean, graceMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const graceOver = new Promise<boolean>((resolve) => (timer = setTimeout(() => setImmediate(() => resolve(hasExited())), graceMs)))
  try {
    return await Promise.race([exited.then(() => true), graceOver])
  } finally {
    clearTimeout(timer)
  }
}
