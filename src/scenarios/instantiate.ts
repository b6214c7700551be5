import { randomUUID } from 'node:crypto'
import type { ScenarioArtifact } from './artifacts.js'
import type { Scenario } from './scenario.js'

/**
 * Gives a scenario's jobs ids and artifact keys no other play of the session
 * has used. Shrinking replays near-identical scenarios against the same
 * worker session, and a job id or object key seen twice would be a different
 * situation from the one generated (a finished job "coming back").
 *
 * Zip-slip canary folders are made unique the same way, and for a wider
 * reason: they live on the machine, not in the session, so two sessions
 * playing the same seed at once (a CI matrix, the kill matrix) would
 * otherwise share a folder, and one worker's escaped file would fail the
 * other's ART-004.
 */
export function instantiateScenario(scenario: Scenario, freshId: () => string = randomUUID): Scenario {
  return {
    ...scenario,
    jobs: scenario.jobs.map((job) => {
      const id = freshId()
      const unique = id.replaceAll('-', '').slice(0, 7)
      const rekey = <A extends { objectKey: string }>(artifact: A, index: number): A => ({
        ...artifact,
        objectKey: `${artifact.objectKey.replace(/\/[^/]*$/, '')}/${unique}${index}`,
      })
      const ownCanaries = (artifact: ScenarioArtifact): ScenarioArtifact =>
        artifact.content?.kind === 'zip-slip' ? { ...artifact, content: { kind: 'zip-slip', token: `${artifact.content.token}-${id.replaceAll('-', '')}` } } : artifact
      return {
        ...job,
        id,
        inputArtifacts: job.inputArtifacts.map((a, i) => ownCanaries(rekey(a, i))),
        outputArtifacts: job.outputArtifacts.map((a, i) => rekey(a, i + job.inputArtifacts.length)),
      }
    }),
  }
}
