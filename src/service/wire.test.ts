import { describe, expect, it } from 'vitest'
import { WireHeaderMap } from './wire.js'

describe('WireHeaderMap', () => {
  it('reads node:http raw headers as a Fetch Headers would: names lower-case, repeats joined, sorted iteration', () => {
    const raw = ['Host', '127.0.0.1:1234', 'X-Amz-Target', 'CodePipeline_20150709.PollForJobs', 'X-Custom', 'a', 'x-custom', 'b', 'Authorization', 'AWS4-HMAC-SHA256 Credential=x', 'Content-Type', ' application/x-amz-json-1.1 ']
    const ours = new WireHeaderMap(raw)
    const fetch = new Headers()
    for (let i = 0; i < raw.length; i += 2) fetch.append(raw[i] as string, raw[i + 1] as string)
    const entries = (headers: { forEach(fn: (value: string, name: string) => void): void }) => {
      const out: [string, string][] = []
      headers.forEach((value, name) => out.push([name, value]))
      return out
    }
    expect(entries(ours)).toEqual(entries(fetch))
    for (const name of ['x-custom', 'X-AMZ-TARGET', 'content-type', 'missing']) {
      expect(ours.get(name)).toBe(fetch.get(name))
      expect(ours.has(name)).toBe(fetch.has(name))
    }
  })
})
