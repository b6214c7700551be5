import type { Scenario } from './scenario.js'

/**
 * Zip-slip canaries (ART-004). An input archive carries, besides an ordinary
 * file, one entry that climbs out with `../` and one with an absolute path,
 * both aimed at a folder named after the scenario's token under /tmp. The
 * climb is deeper than any workspace, so `join(workspace, entry)` lands in
 * /tmp whatever the workspace; the absolute entry lands there under
 * `resolve(workspace, entry)`. Nothing of the worker's own can be there, so
 * a file found there escaped the workspace.
 */
export const ZIP_SLIP_ROOT = '/tmp'
const CLIMB = '../'.repeat(24)

export const zipSlipDirectory = (token: string): string => `${ZIP_SLIP_ROOT}/conform-zipslip-${token}`

/** The archive's entries: name to content. */
export function zipSlipEntries(token: string): Record<string, string> {
  const target = zipSlipDirectory(token).slice(1)
  return {
    'README.txt': 'an ordinary file next to the escaping ones\n',
    [`${CLIMB}${target}/climbed.txt`]: 'written outside the workspace through ../ entries\n',
    [`/${target}/absolute.txt`]: 'written outside the workspace through an absolute entry\n',
  }
}

/** Where an escaped entry of a token's archive would land: the files the harness looks for after the scenario. */
export const zipSlipTargets = (token: string): string[] => [`${zipSlipDirectory(token)}/climbed.txt`, `${zipSlipDirectory(token)}/absolute.txt`]

/** The tokens of a scenario's zip-slip inputs. */
export const zipSlipTokens = (scenario: Scenario): string[] =>
  scenario.jobs.flatMap((job) => job.inputArtifacts.flatMap((a) => (a.content?.kind === 'zip-slip' ? [a.content.token] : [])))
