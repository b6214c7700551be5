import { readFileSync } from 'node:fs'
import { AcknowledgeJobCommand, CodePipelineClient, PollForJobsCommand } from '@aws-sdk/client-codepipeline'
import { Verifier } from '@pact-foundation/pact'
import { getResponse, http, type RequestHandler } from 'msw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeService, type FakeService } from '../src/service/fake-service.js'
import { serveOnLoopback, type LoopbackServer } from '../src/service/serve.js'
import { ACTION_TYPE, contractJobSpec, PACT_FILE, PROVIDER, PROVIDER_CREDENTIALS, REGION, STATES, type StateParams } from './support/contract-data.js'
import { INTERACTIONS } from './support/interactions.js'
import { checkSignature, resignRequests } from './support/resign.js'

/**
 * Provider side: Pact's Verifier replays the committed pact against the fake,
 * served on 127.0.0.1. Each provider state starts a fresh fake and drives it
 * into the named situation through the real SDK. Replayed requests carry the
 * pact's example signature, so a request filter re-signs them with the
 * credentials the fake knows; an audit in front of the fake checks every
 * replayed signature, so the re-signing is proven now, before the fake itself
 * checks SigV4.
 *
 * The second block proves the contract bites: providers altered by wrapping
 * the real handlers (never by editing them) must fail verification, on the
 * interactions and for the reasons expected.
 */

/** A change to the fake's answers, applied outside it. */
interface Alteration {
  name: string
  alter(response: Response, operation: string): Promise<Response>
}

let served: LoopbackServer
let service: FakeService | undefined
/** The handler list serveOnLoopback reads on every request; states swap its contents. */
const live: RequestHandler[] = []
let alteration: Alteration | undefined
const signatureProblems: string[] = []
/** Requests the verifier replayed (not the SDK calls the state handlers make themselves). */
let replayed = 0
let settingUp = false

function freshService(): FakeService {
  service?.close()
  const fresh = createFakeService({ region: REGION, workerCredentials: PROVIDER_CREDENTIALS, actionTypes: [{ ...ACTION_TYPE }], jobTimeoutMs: 60_000 })
  service = fresh
  const audit = http.post('*', async ({ request }) => {
    if (!request.headers.has('x-amz-target')) return undefined
    if (!settingUp) replayed++
    const body = new Uint8Array(await request.clone().arrayBuffer())
    const problem = await checkSignature(request, body, PROVIDER_CREDENTIALS, REGION)
    if (problem !== undefined) signatureProblems.push(`${request.headers.get('x-amz-target')}: ${problem}`)
    return undefined // fall through to the fake
  })
  const current = alteration
  const front = current
    ? [
        http.post('*', async ({ request }) => {
          const real = await getResponse(fresh.handlers, request.clone())
          if (!real) return undefined
          const operation = (request.headers.get('x-amz-target') ?? '').replace(/^CodePipeline_20150709\./, '')
          return current.alter(real, operation)
        }),
      ]
    : fresh.handlers
  live.splice(0, live.length, audit, ...front)
  return fresh
}

/** A client of the fake itself (not through the verifier), to put jobs where a state needs them. */
async function withClient<T>(run: (client: CodePipelineClient) => Promise<T>): Promise<T> {
  const client = new CodePipelineClient({ region: REGION, endpoint: served.url, credentials: PROVIDER_CREDENTIALS, maxAttempts: 1 })
  settingUp = true
  try {
    return await run(client)
  } finally {
    settingUp = false
    client.destroy()
  }
}

const paramsOf = (params: unknown): StateParams => {
  const p = (params ?? {}) as Partial<Record<keyof StateParams, unknown>>
  if (typeof p.jobId !== 'string' || typeof p.nonce !== 'string') throw new Error(`contracts: provider state needs string jobId and nonce, got ${JSON.stringify(params)}`)
  return { jobId: p.jobId, nonce: p.nonce }
}

async function dispatch(client: CodePipelineClient, jobId: string): Promise<void> {
  const { jobs } = await client.send(new PollForJobsCommand({ actionTypeId: { ...ACTION_TYPE } }))
  if (jobs?.[0]?.id !== jobId) throw new Error(`contracts: provider state expected PollForJobs to dispatch ${jobId}, got ${JSON.stringify(jobs?.map((j) => j.id))}`)
}

const stateHandlers = {
  [STATES.queued]: async (params: unknown) => {
    freshService().enqueue([contractJobSpec(paramsOf(params))])
    return undefined
  },
  [STATES.dispatched]: async (params: unknown) => {
    const p = paramsOf(params)
    freshService().enqueue([contractJobSpec(p)])
    await withClient((client) => dispatch(client, p.jobId))
    return undefined
  },
  [STATES.claimedElsewhere]: async (params: unknown) => {
    const p = paramsOf(params)
    freshService().enqueue([contractJobSpec(p, { kind: 'stolen' })])
    await withClient((client) => dispatch(client, p.jobId))
    return undefined
  },
  [STATES.inProgress]: async (params: unknown) => {
    const p = paramsOf(params)
    freshService().enqueue([contractJobSpec(p)])
    await withClient(async (client) => {
      await dispatch(client, p.jobId)
      await client.send(new AcknowledgeJobCommand({ jobId: p.jobId, nonce: p.nonce }))
    })
    return undefined
  },
}

/** One mismatch as the verifier's JSON report gives it. */
interface Mismatch {
  type: string
  key?: string
  mismatch?: string
}
interface VerifierOutcome {
  passed: boolean
  /** The verifier's JSON report (pactffi_verifier_json), as far as this test reads it. */
  report: { result?: boolean; errors?: { interaction?: string; mismatch?: { mismatches?: Mismatch[] } }[] }
}

async function verify(with_: Alteration | undefined, options: { resign: boolean } = { resign: true }): Promise<VerifierOutcome> {
  alteration = with_
  freshService()
  const verifier = new Verifier({
    provider: PROVIDER,
    providerBaseUrl: served.url,
    pactUrls: [PACT_FILE],
    stateHandlers,
    ...(options.resign ? { requestFilter: resignRequests(PROVIDER_CREDENTIALS, REGION) as never } : {}),
    logLevel: 'error',
  })
  try {
    const output = await verifier.verifyProvider()
    return { passed: true, report: JSON.parse(String(output)) }
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error)
    let report: VerifierOutcome['report']
    try {
      report = JSON.parse(text)
    } catch {
      throw error // not a verification failure: the verifier could not run
    }
    return { passed: false, report }
  }
}

/** The report's failures, by interaction description (the report prefixes it with the pact and state). */
function failures(report: VerifierOutcome['report']): Map<string, Mismatch[]> {
  const byInteraction = new Map<string, Mismatch[]>()
  for (const error of report.errors ?? []) {
    const description = INTERACTIONS.find((i) => (error.interaction ?? '').endsWith(` - ${i.description}`))?.description ?? `? ${error.interaction}`
    byInteraction.set(description, [...(byInteraction.get(description) ?? []), ...(error.mismatch?.mismatches ?? [])])
  }
  return byInteraction
}

beforeAll(async () => {
  served = await serveOnLoopback(live)
})
afterAll(async () => {
  service?.close()
  await served.close()
})

describe('provider verification: the fake CodePipeline honours the recorded contract', () => {
  it('the committed pact covers every declared interaction', () => {
    const pact = JSON.parse(readFileSync(PACT_FILE, 'utf8')) as { interactions: { description: string }[] }
    expect(pact.interactions.map((i) => i.description).sort()).toEqual(INTERACTIONS.map((i) => i.description).sort())
  })

  it('verifies every interaction against the fake, with re-signed requests', async () => {
    signatureProblems.length = 0
    replayed = 0
    const outcome = await verify(undefined)
    expect(Object.fromEntries(failures(outcome.report))).toEqual({})
    expect(outcome.passed).toBe(true)
    expect(replayed).toBe(INTERACTIONS.length)
    expect(signatureProblems).toEqual([])
  })

  it('needs the re-signing: replayed with the pact\'s example signature, every call is refused', async () => {
    signatureProblems.length = 0
    const outcome = await verify(undefined, { resign: false })
    expect(outcome.passed).toBe(false)
    expect([...failures(outcome.report).keys()].sort()).toEqual(INTERACTIONS.map((i) => i.description).sort())
    expect(signatureProblems).toHaveLength(INTERACTIONS.length)
  })
})

// --- the contract bites -------------------------------------------------------

const isError = (response: Response): boolean => response.status >= 400

async function rewriteBody(response: Response, edit: (body: Record<string, unknown>) => Record<string, unknown>): Promise<Response> {
  const text = await response.text()
  const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
  return new Response(JSON.stringify(edit(body)), { status: response.status, headers: response.headers })
}

const withHeaders = (response: Response, edit: (headers: Headers) => void): Response => {
  const headers = new Headers(response.headers)
  edit(headers)
  return new Response(response.body, { status: response.status, headers })
}

const ERROR_INTERACTIONS = INTERACTIONS.filter((i) => i.status === 400).map((i) => i.description).sort()
const EMPTY_BODY_INTERACTIONS = INTERACTIONS.filter((i) => i.answer.kind === 'ok' && i.answer.body === undefined).map((i) => i.description).sort()
const ALL = INTERACTIONS.map((i) => i.description).sort()
const named = (op: string) => INTERACTIONS.filter((i) => i.operation === op).map((i) => i.description).sort()

/** What each failing interaction's report must show: a mismatch of this type (and key), saying this. */
interface Expected {
  type: 'BodyMismatch' | 'BodyTypeMismatch' | 'HeaderMismatch'
  key?: string
  says: RegExp
}

const ALTERATIONS: { alteration: Alteration; failing: string[]; expected: Expected }[] = [
  {
    alteration: {
      name: 'errors lack __type (only the x-amzn-errortype header names the code)',
      alter: async (r) => (isError(r) ? rewriteBody(r, ({ __type: _, ...rest }) => rest) : r),
    },
    failing: ERROR_INTERACTIONS,
    expected: { type: 'BodyMismatch', says: /Expected '\{"message":.*' to match '\^\\\{"__type":/ },
  },
  {
    alteration: {
      name: 'errors say Message instead of message',
      alter: async (r) => (isError(r) ? rewriteBody(r, ({ message, ...rest }) => ({ ...rest, Message: message })) : r),
    },
    failing: ERROR_INTERACTIONS,
    expected: { type: 'BodyMismatch', says: /"Message":.* to match .*"message":/ },
  },
  {
    alteration: {
      name: 'errors lack the x-amzn-errortype header',
      alter: async (r) => (isError(r) ? withHeaders(r, (h) => h.delete('x-amzn-errortype')) : r),
    },
    failing: ERROR_INTERACTIONS,
    expected: { type: 'HeaderMismatch', key: 'x-amzn-ErrorType', says: /missing/ },
  },
  {
    alteration: {
      name: 'answers are application/json instead of application/x-amz-json-1.1',
      alter: async (r) => withHeaders(r, (h) => h.set('content-type', 'application/json')),
    },
    failing: ALL,
    expected: { type: 'HeaderMismatch', key: 'Content-Type', says: /application\/x-amz-json-1\.1.*but was.*application\/json/ },
  },
  {
    alteration: {
      name: 'Put*Result answers {} instead of an empty body',
      alter: async (r, op) => (r.status === 200 && op.startsWith('PutJob') ? rewriteBody(r, () => ({})) : r),
    },
    failing: EMPTY_BODY_INTERACTIONS,
    expected: { type: 'BodyMismatch', says: /empty/i },
  },
  {
    alteration: {
      name: 'PollForJobs hands out long-term (AKIA) artifact credentials',
      alter: async (r, op) =>
        op === 'PollForJobs'
          ? rewriteBody(r, (body) => {
              const jobs = body.jobs as { data: { artifactCredentials: Record<string, string> } }[]
              for (const job of jobs) job.data.artifactCredentials.accessKeyId = 'AKIALONGTERMKEY00000'
              return body
            })
          : r,
    },
    failing: named('PollForJobs'),
    expected: { type: 'BodyMismatch', says: /"accessKeyId":"AKIALONGTERMKEY00000".* to match .*"accessKeyId":"\(\?:ASIA/ },
  },
]

describe('the contract bites: altered providers fail verification', () => {
  for (const { alteration: altered, failing, expected } of ALTERATIONS) {
    it(`fails a provider whose ${altered.name}`, async () => {
      const outcome = await verify(altered)
      expect(outcome.passed).toBe(false)
      const found = failures(outcome.report)
      expect([...found.keys()].sort()).toEqual(failing)
      for (const [description, mismatches] of found) {
        const matching = mismatches.filter((m) => m.type === expected.type && (expected.key === undefined || m.key === expected.key))
        expect(matching.map((m) => m.mismatch ?? ''), `${description}: ${JSON.stringify(mismatches)}`).toEqual(
          expect.arrayContaining([expect.stringMatching(expected.says)]),
        )
      }
    })
  }
})
