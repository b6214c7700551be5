import { readdirSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Signals and liveness for a worker's process group. The worker is started
 * as a group leader so that one signal reaches everything it forked (a
 * shell wrapper, a language runtime's helper, a grandchild that ignores
 * SIGTERM), which per-pid signalling would leave running.
 */

/** Sends `signal` to every member of group `pgid`; false when the group is already empty. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw error
  }
}

/**
 * True while some member of group `pgid` is still running. A killed member
 * stays a zombie until its parent reaps it, and orphans are reaped by PID 1,
 * which in some containers never does; a zombie runs no code, so on Linux
 * zombies are read from /proc and not counted.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ESRCH') return false
    if (code !== 'EPERM') throw error
  }
  return process.platform !== 'linux' || liveMembersOnLinux(pgid).length > 0
}

/** Pids of the group's members that are not zombies, read from /proc. */
export function liveMembersOnLinux(pgid: number): number[] {
  const live: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = procStat(Number(name))
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') live.push(Number(name))
  }
  return live
}

/** State and process group of `pid` from /proc/<pid>/stat, or undefined once it is gone. */
export function procStat(pid: number): { state: string; pgrp: number } | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined // the process went away between readdir and read
  }
  // The command name is in parentheses and may contain spaces: parse after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const state = fields[0]
  const pgrp = Number(fields[2])
  return state === undefined || Number.isNaN(pgrp) ? undefined : { state, pgrp }
}

/**
 * Waits until group `pgid` has no live member or `timeoutMs` has passed;
 * true when it emptied. Polls, backing off, because no event reports the
 * end of processes that are not our children.
 */
export async function waitForGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  let interval = 5
  while (groupAlive(pgid)) {
    const left = deadline - performance.now()
    if (left <= 0) return false
    await sleep(Math.min(interval, left))
    interval = Math.min(interval * 2, 100)
  }
  return true
}
