import { createHash } from 'node:crypto'

/** One stored object: its bytes and the headers it was written with. */
export interface StoredObject {
  bytes: Uint8Array
  etag: string
  contentType: string
  lastModified: Date
  /** SSE and checksum headers as the writer sent them, lower-case names. */
  headers: Record<string, string>
}

/** The fake S3's objects, keyed by bucket and key. */
export class ObjectStore {
  readonly #objects = new Map<string, StoredObject>()
  /** Objects per bucket, so `hasBucket` needs no scan. */
  readonly #buckets = new Map<string, number>()

  get(bucket: string, key: string): StoredObject | undefined {
    return this.#objects.get(`${bucket}/${key}`)
  }

  put(bucket: string, key: string, bytes: Uint8Array, options: { contentType?: string; headers?: Record<string, string> } = {}): StoredObject {
    const object: StoredObject = {
      bytes,
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      contentType: options.contentType ?? 'binary/octet-stream',
      lastModified: new Date(),
      headers: options.headers ?? {},
    }
    const id = `${bucket}/${key}`
    if (!this.#objects.has(id)) this.#buckets.set(bucket, (this.#buckets.get(bucket) ?? 0) + 1)
    this.#objects.set(id, object)
    return object
  }

  delete(bucket: string, key: string): void {
    if (!this.#objects.delete(`${bucket}/${key}`)) return
    const left = (this.#buckets.get(bucket) ?? 1) - 1
    if (left > 0) this.#buckets.set(bucket, left)
    else this.#buckets.delete(bucket)
  }

  get size(): number {
    return this.#objects.size
  }

  hasBucket(bucket: string): boolean {
    return this.#buckets.has(bucket)
  }
}
