/** Where an S3 request points: bucket and (possibly empty) key. */
export interface S3Location {
  bucket: string
  key: string
  style: 'path' | 'virtual-host'
}

const VIRTUAL_HOST = /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/

/**
 * Reads bucket and key from a request URL: virtual-hosted on an AWS S3 host
 * name (`bucket.s3.us-east-1.amazonaws.com/key`), otherwise path-style
 * (`/bucket/key`), which is what a worker sends to the loopback endpoint.
 */
export function locateObject(url: URL): S3Location | undefined {
  const virtual = VIRTUAL_HOST.exec(url.hostname)
  if (virtual?.[1] !== undefined) return { bucket: virtual[1], key: decode(url.pathname.slice(1)), style: 'virtual-host' }
  const [, bucket, ...rest] = url.pathname.split('/')
  if (!bucket) return undefined
  return { bucket: decode(bucket), key: decode(rest.join('/')), style: 'path' }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
