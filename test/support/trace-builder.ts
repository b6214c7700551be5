import type { JobOutcome } from '../../src/rules/rule.js'
import type { Scenario, ScenarioJob } from '../../src/scenarios/scenario.js'
import type { TraceEntry } from '../../src/service/trace/trace-entry.js'

/**
 * Builds hand-written traces for the rules' unit tests: each call in the
 * order it crossed the wire, in the same shape the fake service records.
 */
export class TraceBuilder {
  private readonly entries: TraceEntry[] = []

  private push(entry: Omit<TraceEntry, 'seq' | 'at'>): this {
    const seq = this.entries.length + 1
    this.entries.push({ seq, at: seq * 10, ...entry })
    return this
  }

  poll(jobs: { id: string; nonce: string }[]): this {
    return this.push({ service: 'codepipeline', operation: 'PollForJobs', request: {}, response: { status: 200, body: { jobs } } })
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

export function outcome(jobId: string, status: JobOutcome['status'], settledBy: JobOutcome['settledBy'] = 'quiescent'): JobOutcome {
  return { jobId, status, settledBy }
}
