import type { OutputLine } from '../report/results.js'
import type { JobOutcome, ScenarioSpan } from '../rules/rule.js'
import type { Scenario } from '../scenarios/scenario.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import type { ScenarioEvents } from '../session/scenario-events.js'

/** What playing one scenario against the worker produced. */
export interface PlayedScenario {
  scenario: Scenario
  outcomes: JobOutcome[]
  span: ScenarioSpan
  trace: TraceEntry[]
  output: OutputLine[]
  /** Times the worker exited on its own while this scenario ran (it was restarted each time). */
  workerExits: { at: number; pid: number; code: number | null; signal: string | null; hung?: boolean }[]
  /** What the session did beyond queuing jobs, when the scenario asked for it. */
  events?: ScenarioEvents
  /** Files the harness looked for outside the worker's workspace after the scenario (zip-slip canaries), and whether each existed. */
  planted?: PlantedFile[]
}

export interface PlantedFile {
  path: string
  exists: boolean
}

/** The harness (not the worker) broke: the verdict is `error`, never `fail`. */
export class HarnessError extends Error {
  override name = 'HarnessError'
}

/** Suites run in Vitest workers; the session lives in the CLI's process and is reached over loopback. */
export async function playScenario(
  control: { url: string; token: string },
  scenario: Scenario,
  deadlineMs: number,
  /** The rule playing it, for the CLI's progress display. */
  ruleId?: string,
): Promise<PlayedScenario> {
  let response: Response
  try {
    response = await fetch(`${control.url}/play`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${control.token}` },
      body: JSON.stringify({ scenario, deadlineMs, ruleId }),
    })
  } catch (error) {
    throw new HarnessError(`the conform session did not answer (${(error as Error).message})`)
  }
  const body = (await response.json()) as PlayedScenario | { error: string }
  if (!response.ok || 'error' in body) throw new HarnessError('error' in body ? body.error : `control answered ${response.status}`)
  return body
}
