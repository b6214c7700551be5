import { readFileSync } from 'node:fs'

/**
 * Whether a process still runs. A killed process whose parent is gone may be
 * left a zombie when PID 1 does not reap (as in some containers); a zombie
 * runs no code, so it counts as gone. Reads /proc where it exists.
 */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
}
