import fc from 'fast-check'
import { normalBehaviour } from '../scenarios/job-behaviour.js'
import { scenarioArbitrary, type Scenario, type ScenarioContext } from '../scenarios/scenario.js'

/**
 * The jobs the continuation rules queue: ordinary jobs whose action
 * configuration carries the worker config's `continuation.actionConfiguration`
 * (what makes the worker split its work), and whose action execution may last
 * one and a half job timeouts: a chain still open then ends there, as on AWS
 * at the action timeout.
 */
export function continuationScenario(context: ScenarioContext): fc.Arbitrary<Scenario> {
  const configuration = context.continuation?.actionConfiguration ?? {}
  const actionTimeoutMs = Math.round(1.5 * (context.jobTimeoutMs ?? 3000))
  return scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 1 }).map((scenario) => ({
    jobs: scenario.jobs.map((job, index) =>
      index === 0 ? { ...job, actionConfiguration: { ...job.actionConfiguration, ...configuration }, life: { ...job.life, actionTimeoutMs } } : job,
    ),
  }))
}
