import fc from 'fast-check'
import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { anyBehaviour } from './job-behaviour.js'
import { instantiateScenario } from './instantiate.js'
import { scenarioArbitrary, type ScenarioContext } from './scenario.js'
import { toJobSpecs } from './to-job-specs.js'
import { zipSlipDirectory, zipSlipTokens } from './zip-slip.js'

const context: ScenarioContext = {
  actionTypeId: { category: 'Build', owner: 'Custom', provider: 'ConformReference', version: '1' },
  region: 'us-east-1',
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('scenarioArbitrary', () => {
  it('generates jobs within the service model constraints', () => {
    fc.assert(
      fc.property(scenarioArbitrary(context, [{ behaviour: anyBehaviour(), inputs: 'any' }], { extraJobs: 2 }), (scenario) => {
        expect(scenario.jobs.length).toBeGreaterThanOrEqual(1)
        for (const job of scenario.jobs) {
          expect(job.id).toMatch(UUID)
          expect(job.accountId).toMatch(/^[0-9]{12}$/)
          for (const nonce of job.nonces) expect([...nonce].length).toBeGreaterThanOrEqual(1)
          for (const nonce of job.nonces) expect([...nonce].length).toBeLessThanOrEqual(50)
          expect(job.pipelineContext.pipelineArn).toMatch(/^arn:aws(-[\w]+)*:codepipeline:.+:[0-9]{12}:.+$/)
          for (const [key, value] of Object.entries(job.actionConfiguration)) {
            expect(key.length).toBeLessThanOrEqual(50)
            expect(value.length).toBeGreaterThanOrEqual(1)
            expect(value.length).toBeLessThanOrEqual(1000)
          }
          for (const artifact of [...job.inputArtifacts, ...job.outputArtifacts]) expect(artifact.name).toMatch(/^[a-zA-Z0-9_-]{1,100}$/)
        }
      }),
      { seed: 7 },
    )
  })

  it('gives a rule that needs a missing input at least one', () => {
    fc.assert(
      fc.property(scenarioArbitrary(context, [{ behaviour: anyBehaviour(), inputs: 'missing' }]), (scenario) => {
        expect(scenario.jobs[0]?.inputArtifacts.some((a) => a.content?.kind === 'missing')).toBe(true)
      }),
      { seed: 7 },
    )
  })

  it('gives some jobs an encryptionKey in one of the documented forms, and all when a rule asks', () => {
    const KEY_ID = /^(arn:aws:kms:us-east-1:[0-9]{12}:(key\/[0-9a-f-]{36}|alias\/[a-zA-Z0-9/_-]{1,40})|[0-9a-f-]{36})$/
    const jobs = fc.sample(scenarioArbitrary(context, [{ behaviour: anyBehaviour() }], { extraJobs: 2 }), { seed: 5, numRuns: 100 }).flatMap((s) => s.jobs)
    const keys = jobs.flatMap((job) => (job.encryptionKey ? [job.encryptionKey] : []))
    expect(keys.length).toBeGreaterThan(jobs.length / 5)
    expect(keys.length).toBeLessThan(jobs.length)
    for (const key of keys) {
      expect(key.type).toBe('KMS')
      expect(key.id).toMatch(KEY_ID)
    }
    fc.assert(
      fc.property(scenarioArbitrary(context, [{ behaviour: anyBehaviour(), encryptionKey: 'always', needsOutput: true, needsInput: true }]), (scenario) => {
        const [job] = scenario.jobs
        expect(job?.encryptionKey?.id).toMatch(KEY_ID)
        expect(job?.outputArtifacts.length).toBe(1)
        expect(job?.inputArtifacts.length).toBeGreaterThanOrEqual(1)
      }),
      { seed: 7 },
    )
  })

  it('draws the same scenarios from the same seed', () => {
    const arbitrary = scenarioArbitrary(context, [{ behaviour: anyBehaviour() }])
    expect(fc.sample(arbitrary, { seed: 42, numRuns: 5 })).toEqual(fc.sample(arbitrary, { seed: 42, numRuns: 5 }))
  })
})

describe('instantiateScenario', () => {
  it('gives every play fresh job ids and artifact keys, keeping everything else', () => {
    const [scenario] = fc.sample(scenarioArbitrary(context, [{ behaviour: anyBehaviour(), inputs: 'present' }], { extraJobs: 2 }), { seed: 3, numRuns: 1 })
    if (!scenario) throw new Error('no sample')
    const first = instantiateScenario(scenario)
    const second = instantiateScenario(scenario)
    const ids = [...first.jobs, ...second.jobs].map((j) => j.id)
    expect(new Set(ids).size).toBe(ids.length)
    const keys = [...first.jobs, ...second.jobs].flatMap((j) => [...j.inputArtifacts, ...j.outputArtifacts].map((a) => `${a.bucketName}/${a.objectKey}`))
    expect(new Set(keys).size).toBe(keys.length)
    expect(first.jobs.map((j) => j.nonces)).toEqual(scenario.jobs.map((j) => j.nonces))
    expect(first.jobs.map((j) => j.behaviour)).toEqual(scenario.jobs.map((j) => j.behaviour))
  })

  it('gives every play its own zip-slip canary folders, so sessions playing the same seed at once cannot see each other\'s escaped files', () => {
    const [scenario] = fc.sample(scenarioArbitrary(context, [{ behaviour: anyBehaviour(), inputs: 'zip-slip' }]), { seed: 3, numRuns: 1 })
    if (!scenario) throw new Error('no sample')
    const plays = [instantiateScenario(scenario), instantiateScenario(scenario)]
    const tokens = plays.flatMap(zipSlipTokens)
    expect(tokens.length).toBe(2 * zipSlipTokens(scenario).length)
    expect(tokens.length).toBeGreaterThan(0)
    expect(new Set(tokens.map(zipSlipDirectory)).size).toBe(tokens.length)
    // The zip the fake serves aims at the play's own folder.
    const [spec] = toJobSpecs(plays[0]!)
    const served = spec!.inputArtifacts.find((a) => a.content?.kind === 'present')
    if (served?.content?.kind !== 'present') throw new Error('no zip served')
    const names = Object.keys(unzipSync(served.content.bytes))
    expect(names.filter((name) => name.includes(zipSlipDirectory(zipSlipTokens(plays[0]!)[0]!).slice(1)))).toHaveLength(2)
  })
})

describe('toJobSpecs', () => {
  it('turns described input artifacts into real zip files with the same contents', () => {
    const specs = toJobSpecs({
      jobs: [
        {
          ...fc.sample(scenarioArbitrary(context, [{ behaviour: anyBehaviour() }]), { seed: 1, numRuns: 1 })[0]!.jobs[0]!,
          inputArtifacts: [
            { name: 'Src', bucketName: 'b', objectKey: 'p/Src/1', content: { kind: 'present', files: { 'a.txt': 'hello' } } },
            { name: 'Gone', bucketName: 'b', objectKey: 'p/Gone/2', content: { kind: 'missing' } },
          ],
        },
      ],
    })
    const [present, missing] = specs[0]!.inputArtifacts
    if (present?.content?.kind !== 'present') throw new Error('expected bytes')
    expect(strFromU8(unzipSync(present.content.bytes)['a.txt']!)).toBe('hello')
    expect(missing?.content).toEqual({ kind: 'missing' })
  })
})
