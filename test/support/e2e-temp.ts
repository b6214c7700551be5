import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import { inject } from 'vitest'

/** A fresh folder for one end-to-end run's reports, inside the one this `npm test` made and removes at the end (test/support/global-temp.ts). */
export const e2eTempDir = (): Promise<string> => mkdtemp(join(inject('e2eTempRoot'), 'conform-e2e-'))
