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
    this.#objects.set(`${bucket}/${key}`, object)
    return object
  }

  hasBucket(bucket: string): boolean {
    for (const id of this.#objects.keys()) if (id.startsWith(`${bucket}/`)) return true
    return false
  }
}
