/**
 * An idle stretch after a scenario's jobs settle (POLL-002, POLL-003): the
 * session watches `polls` more polls of an empty queue, bounded by the
 * scenario deadline. `minPollIntervalMs` is the worker's config value, carried
 * with the scenario so the rule's pure check can judge against it.
 */
export interface IdleStretch {
  polls: number
  minPollIntervalMs: number
}
