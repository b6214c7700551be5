/**
 * Sets `key` in a Map used as a bounded memo: when it already holds `max`
 * entries and `key` is new, the oldest inserted entry is dropped first. Every
 * memo on the fake's per-call path is kept this way, so a long run's memory
 * stays bounded whatever the traffic.
 *
 * @example
 * setBounded(parsed, text, value, 256)
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  if (map.size >= max && !map.has(key)) map.delete(map.keys().next().value as K)
  map.set(key, value)
  return value
}
