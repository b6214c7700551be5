import { describe, expect, it } from 'vitest'
import { FaultPlan } from './fault-plan.js'
import { faultScriptProblems } from './fault-script.js'

describe('FaultPlan', () => {
  it('plays steps in order on matching calls only, then drops the spent script', () => {
    const plan = new FaultPlan(() => 0)
    plan.arm([{ operations: ['PutJobSuccessResult', 'PutJobFailureResult'], jobId: 'J', steps: [{ kind: 'error', error: 'ThrottlingException', times: 2 }, { kind: 'drop-response', times: 1 }] }])
    expect(plan.take('PutJobSuccessResult', 'K')).toBeUndefined()
    expect(plan.take('AcknowledgeJob', 'J')).toBeUndefined()
    expect(plan.take('PutJobSuccessResult', 'J')).toEqual({ kind: 'error', error: 'ThrottlingException' })
    expect(plan.take('PutJobFailureResult', 'J')).toEqual({ kind: 'error', error: 'ThrottlingException' })
    expect(plan.take('PutJobSuccessResult', 'J')).toEqual({ kind: 'drop-response' })
    expect(plan.size).toBe(0)
    expect(plan.take('PutJobSuccessResult', 'J')).toBeUndefined()
  })

  it('keeps a forMs step for its window, then moves on', () => {
    let now = 0
    const plan = new FaultPlan(() => now)
    plan.arm([{ operations: ['PollForJobs'], steps: [{ kind: 'error', error: 'InternalFailure', forMs: 100 }, { kind: 'reset', times: 1 }] }])
    now = 50 // the window opens with its first call, not when it is armed
    expect(plan.take('PollForJobs', undefined)).toEqual({ kind: 'error', error: 'InternalFailure' })
    now = 149
    expect(plan.take('PollForJobs', undefined)).toEqual({ kind: 'error', error: 'InternalFailure' })
    now = 150
    expect(plan.take('PollForJobs', undefined)).toEqual({ kind: 'reset' })
    expect(plan.take('PollForJobs', undefined)).toBeUndefined()
  })

  it("replaces a scenario's shared scripts with the next one's, and forgets a job's", () => {
    const plan = new FaultPlan(() => 0)
    const forever = { kind: 'error', error: 'ServiceUnavailable', forMs: 60_000 } as const
    plan.arm([{ operations: ['GetObject'], jobId: 'J', steps: [forever] }])
    plan.replaceShared([{ operations: ['PollForJobs'], steps: [forever] }])
    plan.replaceShared([])
    expect(plan.take('PollForJobs', undefined)).toBeUndefined()
    expect(plan.take('GetObject', 'J')).toBeDefined()
    plan.forgetJob('J')
    expect(plan.size).toBe(0)
  })
})

describe('faultScriptProblems', () => {
  it('accepts a usable script and names every problem of a bad one', () => {
    expect(faultScriptProblems({ operations: ['PollForJobs'], steps: [{ kind: 'delay', ms: 50, times: 3 }] })).toEqual([])
    expect(faultScriptProblems({ operations: [], steps: [{ kind: 'error', error: 'Teapot', times: 0 }, { kind: 'reset', times: 1, forMs: 5 }] })).toEqual([
      '"operations" must be a non-empty list of operation names, e.g. ["PutJobSuccessResult", "PutJobFailureResult"]',
      'steps[0].times must be a whole number from 1 to 10000',
      'steps[0].error must be one of ThrottlingException, InternalFailure, ServiceUnavailable, ValidationException, ActionTypeNotFoundException, AccessDeniedException',
      'steps[1] needs exactly one of "times" or "forMs"',
    ])
  })
})
