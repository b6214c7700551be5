import type { JobOutcome } from '../../src/rules/rule.js'
import type { Scenario, ScenarioJob } from '../../src/scenarios/scenario.js'
import type { TraceEntry } from '../../src/service/trace/trace-entry.js'

/**
 * Builds hand-written traces for the rules' unit tests: each call in the
 * order it crossed the wire, in the same shape the fake service records.
 */
export class TraceBuilder {
  private readonly entries: TraceEntry[] = []
  private delay = 0
  private signer: string | undefined

  private push(entry: Omit<TraceEntry, 'seq' | 'at'>): this {
    const seq = this.entries.length + 1
    const signed = this.signer !== undefined && entry.service === 'codepipeline' ? { accessKeyId: this.signer } : {}
    this.entries.push({ seq, at: seq * 10 + this.delay, ...signed, ...entry })
    return this
  }

  /** CodePipeline calls recorded from now on are signed with this access key (one replica among several); undefined: unsigned again. */
  signedBy(accessKeyId: string | undefined): this {
    this.signer = accessKeyId
    return this
  }

  /** Everything recorded from now on comes `ms` later than the usual 10 ms per call (a worker waiting). */
  after(ms: number): this {
    this.delay += ms
    return this
  }

  /** The seq the next call will get. */
  get nextSeq(): number {
    return this.entries.length + 1
  }

  /** A PollForJobs answered 200 with these jobs (give `data` to hand out credentials), or refused with `error`. */
  poll(jobs: { id: string; nonce: string; data?: unknown }[], options: { request?: unknown; error?: string } = {}): this {
    const response = options.error
      ? { status: 400, errorType: options.error, body: { __type: options.error, message: '' } }
      : { status: 200, body: { jobs } }
    return this.push({ service: 'codepipeline', operation: 'PollForJobs', request: options.request ?? {}, response })
  }

  ack(jobId: string, nonce: string, answer: { status: string } | { error: string }): this {
    const response = 'status' in answer ? { status: 200, body: { status: answer.status } } : { status: 400, errorType: answer.error, body: { __type: answer.error, message: '' } }
    return this.push({ service: 'codepipeline', operation: 'AcknowledgeJob', jobId, request: { jobId, nonce }, response })
  }

  success(jobId: string, answer: number | string = 200): this {
    return this.push({ service: 'codepipeline', operation: 'PutJobSuccessResult', jobId, request: { jobId }, response: respond(answer) })
  }

  failure(jobId: string, failureDetails: unknown, answer: number | string = 200): this {
    return this.push({ service: 'codepipeline', operation: 'PutJobFailureResult', jobId, request: { jobId, failureDetails }, response: respond(answer) })
  }

  getObject(jobId: string): this {
    return this.push({ service: 's3', operation: 'GetObject', jobId, request: { bucket: 'b', key: 'k' }, response: { status: 200 } })
  }

  /** Any S3 call, as the fake records it: bucket, key and the request headers, the signing access key, the answer. */
  s3(
    operation: string,
    jobId: string,
    call: { bucket?: string; key?: string; accessKeyId?: string; headers?: Record<string, string>; answer?: number | string } = {},
  ): this {
    return this.push({
      service: 's3',
      operation,
      jobId,
      ...(call.accessKeyId !== undefined ? { accessKeyId: call.accessKeyId } : {}),
      request: { bucket: call.bucket ?? 'b', key: call.key ?? 'k', headers: call.headers ?? {} },
      response: respond(call.answer ?? 200),
    })
  }

  /** Any CodePipeline call with this request body. */
  call(operation: string, jobId: string, request: unknown, answer: number | string = 200): this {
    return this.push({ service: 'codepipeline', operation, jobId, request, response: respond(answer) })
  }

  build(): TraceEntry[] {
    return [...this.entries]
  }
}

function respond(answer: number | string): TraceEntry['response'] {
  return typeof answer === 'number' ? { status: answer } : { status: 400, errorType: answer }
}

/** A scenario naming just these job ids (the checks look only at ids). */
export function scenarioOf(...ids: string[]): Scenario {
  return { jobs: ids.map((id) => ({ id }) as ScenarioJob) }
}

/** A scenario of jobs described only as far as a check reads them (artifacts, encryption key, action type). */
export function scenarioWith(...jobs: (Partial<ScenarioJob> & { id: string })[]): Scenario {
  return { jobs: jobs.map((job) => ({ inputArtifacts: [], outputArtifacts: [], ...job }) as ScenarioJob) }
}

export function outcome(jobId: string, status: JobOutcome['status'], settledBy: JobOutcome['settledBy'] = 'quiescent'): JobOutcome {
  return { jobId, status, settledBy }
}
