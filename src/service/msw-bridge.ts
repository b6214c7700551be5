import { getResponse, http, type RequestHandler } from 'msw'
import { CLOSED, isClosed, type WireAnswer, type WireCore, type WireRequest, type WireRoute } from './wire.js'

type ResponseBody = ConstructorParameters<typeof Response>[0]

/** A Fetch request as the cores read it: the body read once, the headers as they are. */
export async function fromFetchRequest(request: Request): Promise<WireRequest> {
  return { method: request.method, url: request.url, headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) }
}

/** An answer as MSW wants it; a closed connection is the Fetch API's network error. */
export function toFetchResponse(answer: WireAnswer): Response {
  if (isClosed(answer)) return Response.error()
  return new Response(answer.body as ResponseBody, { status: answer.status, headers: answer.headers })
}

async function fromFetchResponse(response: Response): Promise<WireAnswer> {
  if (response.type === 'error') return CLOSED
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { status: response.status, headers, body: response.body ? new Uint8Array(await response.arrayBuffer()) : null }
}

/** The MSW handler for one of the fake's routes: the in-process transport. */
export function mswHandler(route: WireRoute): RequestHandler {
  return http.all(
    ({ request }) => route.matches(request),
    async ({ request }) => toFetchResponse(await route.answer(await fromFetchRequest(request))),
  )
}

/** Something the transports can serve: the fake (its core, no Fetch objects), or any MSW handlers (through getResponse). */
export type Servable = RequestHandler[] | { readonly answer: WireCore }

/** The core a transport calls: the fake's own, or MSW's resolution of arbitrary handlers over Fetch objects. */
export function coreOf(target: Servable): WireCore {
  if (!Array.isArray(target)) return target.answer
  const handlers = target
  return async (request) => {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
    const headers = new Headers()
    request.headers.forEach((value, name) => headers.append(name, value))
    const fetchRequest = new Request(request.url, { method: request.method, headers, ...(hasBody ? { body: request.body as ResponseBody } : {}) })
    const response = await getResponse(handlers, fetchRequest)
    return response ? fromFetchResponse(response) : undefined
  }
}
