import { access, rm } from 'node:fs/promises'
import type { Scenario } from '../scenarios/scenario.js'
import { zipSlipDirectory, zipSlipTargets, zipSlipTokens } from '../scenarios/zip-slip.js'
import type { PlantedFile } from '../suite/control-client.js'

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  )

/**
 * After a scenario with zip-slip inputs: whether each canary landed outside
 * the workspace, then the canary folders removed, so the next scenario (and
 * the machine) starts clean. The worker has settled by now, so nothing more
 * will be written there.
 */
export async function lookForZipSlip(scenario: Scenario): Promise<PlantedFile[]> {
  const tokens = zipSlipTokens(scenario)
  const planted: PlantedFile[] = []
  for (const token of tokens) {
    for (const path of zipSlipTargets(token)) planted.push({ path, exists: await exists(path) })
    await rm(zipSlipDirectory(token), { recursive: true, force: true })
  }
  return planted
}
