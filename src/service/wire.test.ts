import { describe, expect, it } from 'vitest'
import { absoluteUrl } from './serve.js'
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

describe('absoluteUrl', () => {
  it('gives what new URL(path, "http://" + host).href gives, for the paths it appends as they are and for the rest', () => {
    const hosts = ['127.0.0.1:4566', 'LOCALHOST:80', 'bucket.s3.127.0.0.1.nip.io:9000', 'user@127.0.0.1:1']
    const paths = ['', 'a', '/', '/bucket/key.zip', '/A/B/', '/a/./b', '/a/../b', '//a', '/a b', '/a?x=1', '/.hidden', '/a%2Fb', '/é']
    for (const host of hosts) for (const path of paths) expect(absoluteUrl(host, path), `${host} ${path}`).toBe(new URL(path, `http://${host}`).href)
  })
})
