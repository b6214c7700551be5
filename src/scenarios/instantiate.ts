import { randomUUID } from 'node:crypto'
import type { Scenario } from './scenario.js'

/**
 * Gives a scenario's jobs ids and artifact keys no other play of the session
 * has used. Shrinking replays near-identical scenarios against the same
 * worker session, and a job id or object key seen twice would be a different
 * situation from the one generated (a finished job "coming back").
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
      return {
        ...job,
        id,
        inputArtifacts: job.inputArtifacts.map((a, i) => rekey(a, i)),
        outputArtifacts: job.outputArtifacts.map((a, i) => rekey(a, i + job.inputArtifacts.length)),
      }
    }),
  }
}
