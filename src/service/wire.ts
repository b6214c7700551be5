/**
 * The fake's transport-neutral request and answer: what both transports hand
 * the CodePipeline and S3 cores, and what they get back. The in-process
 * transport (MSW) adapts Fetch objects to these; the loopback server builds
 * them straight from node:http, so a call costs no Fetch Request, Response,
 * stream or AbortSignal (decision 0013).
 */

/** The header reads the cores make. A Fetch `Headers` is one, so is `WireHeaderMap`. */
export interface WireHeaders {
  get(name: string): string | null
  has(name: string): boolean
  /** In Fetch's order: names lower-case and sorted. */
  forEach(fn: (value: string, name: string) => void): void
}

/** What routing a request needs (a Fetch `Request` is one). */
export interface WireRequestHead {
  readonly method: string
  /** Absolute: `http://host/path?query`. */
  readonly url: string
  readonly headers: WireHeaders
}

/** A whole request: both transports read the body before a core sees it. */
export interface WireRequest extends WireRequestHead {
  readonly body: Uint8Array
}

export interface WireResponse {
  status: number
  /** Lower-case names. */
  headers: Record<string, string>
  /** null: no body (HEAD, 204, Put*Result's empty body is '' instead). */
  body: Uint8Array | string | null
}

/** A fault closes the connection instead of answering: the loopback server destroys the socket, the in-process bridge fails the request. */
export interface ClosedConnection {
  closed: true
}

export type WireAnswer = WireResponse | ClosedConnection

export const CLOSED: ClosedConnection = Object.freeze({ closed: true })

export const isClosed = (answer: WireAnswer): answer is ClosedConnection => 'closed' in answer

/** One of the fake's services: which requests are its, and how it answers them. */
export interface WireRoute {
  matches(request: WireRequestHead): boolean
  answer(request: WireRequest): Promise<WireAnswer>
}

/** Answers a request, or undefined when no route of the fake claims it. */
export type WireCore = (request: WireRequest) => Promise<WireAnswer | undefined>

/**
 * Headers as Fetch would present them, from node:http's `rawHeaders`: names
 * lower-cased, repeated headers joined with ', ' (node's own `headers` object
 * drops some repeats, Fetch does not), iteration sorted by name.
 */
export class WireHeaderMap implements WireHeaders {
  readonly #values = new Map<string, string>()

  constructor(rawHeaders: readonly string[]) {
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = (rawHeaders[i] as string).toLowerCase()
      const value = (rawHeaders[i + 1] as string).trim()
      const previous = this.#values.get(name)
      this.#values.set(name, previous === undefined ? value : `${previous}, ${value}`)
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase())
  }

  forEach(fn: (value: string, name: string) => void): void {
    for (const name of [...this.#values.keys()].sort()) fn(this.#values.get(name) as string, name)
  }
}

/** The request's headers as a plain object, in Fetch's order. */
export function headerRecord(headers: WireHeaders, keep: (name: string) => boolean = () => true): Record<string, string> {
  const record: Record<string, string> = {}
  headers.forEach((value, name) => {
    if (keep(name)) record[name] = value
  })
  return record
}

const utf8 = new TextDecoder()

/** The body as text, as Fetch's `request.text()` reads it (UTF-8, a leading BOM dropped). */
export const bodyText = (request: WireRequest): string => (request.body.length === 0 ? '' : utf8.decode(request.body))
