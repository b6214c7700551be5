/**
 * A planned stop during a scenario (SHUT-*): SIGTERM lands when the worker
 * has claimed one of the scenario's jobs (`acknowledged`: mid-job) or when a
 * poll hands one out (`dispatched`: polled, not yet claimed). The worker gets
 * its `shutdownGraceMs`, then SIGKILL, and is restarted for what follows.
 */
export interface PlannedStop {
  when: 'acknowledged' | 'dispatched'
}
