import { describe, expect, it } from 'vitest'
import { jobSpecFixture, TEST_ACTION_TYPE } from '../testing/job-spec-fixture.js'
import { resolveJobLife } from './job-life-settings.js'
import { JobStore, type JobRecord } from './job-store.js'

function storeKeeping(keepFinishedJobs: number) {
  const forgotten: string[] = []
  const store = new JobStore({ life: resolveJobLife({ jobTimeoutMs: 60_000 }), now: () => 0, onChange: () => undefined, keepFinishedJobs, onForget: (job) => forgotten.push(job.spec.id) })
  return { store, forgotten }
}

function runToSuccess(store: JobStore): JobRecord {
  const [job] = store.dispatch(TEST_ACTION_TYPE, 1)
  if (!job) throw new Error('nothing dispatched')
  store.setStatus(job, 'InProgress')
  store.setStatus(job, 'Succeeded')
  return job
}

describe('JobStore retention of finished jobs', () => {
  it('forgets the oldest finished jobs past keepFinishedJobs, with their credentials and artifacts', () => {
    const { store, forgotten } = storeKeeping(2)
    const specs = Array.from({ length: 5 }, () => jobSpecFixture())
    for (const spec of specs) store.enqueue(spec)
    const done = specs.map(() => runToSuccess(store))
    expect(forgotten).toEqual([specs[0]?.id, specs[1]?.id, specs[2]?.id])
    expect(store.get(specs[0]?.id ?? '')).toBeUndefined()
    expect(store.byAccessKeyId(done[0]?.artifactCredentials.accessKeyId)).toBeUndefined()
    expect(store.get(specs[4]?.id ?? '')?.status).toBe('Succeeded')
    expect(store.size).toEqual({ live: 0, finished: 2 })
    const first = specs[0]?.inputArtifacts[0]
    expect(first && store.namesObject(first.bucketName, first.objectKey)).toBe(false)
    expect(first && store.ownersOf(first.bucketName, first.objectKey)).toEqual([])
    const last = specs[4]?.inputArtifacts[0]
    expect(last && store.ownersOf(last.bucketName, last.objectKey).map((job) => job.spec.id)).toEqual([specs[4]?.id])
  })

  it('never forgets a live job, however many finish after it', () => {
    const { store } = storeKeeping(1)
    const waiting = jobSpecFixture()
    store.enqueue(waiting)
    const [held] = store.dispatch(TEST_ACTION_TYPE, 1)
    if (held) store.setStatus(held, 'InProgress')
    for (let i = 0; i < 5; i++) {
      store.enqueue(jobSpecFixture())
      runToSuccess(store)
    }
    expect(store.get(waiting.id)?.status).toBe('InProgress')
    expect(store.size).toEqual({ live: 1, finished: 1 })
  })
})
