import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The contract tests on their own, in order: the consumer test (which
 * regenerates contracts/pacts/) runs before the provider verification (which
 * reads it), one file at a time.
 *
 *   npm run test:contracts
 *
 * `npm test` runs this before the root config's tests, which exclude these
 * files, so a changed contract is always verified from the pact just written.
 */
class ConsumerFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification): number => (file.moduleId.endsWith('.pact.test.ts') ? 0 : 1)
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId))
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['contracts/**/*.test.ts'],
    fileParallelism: false,
    sequence: { sequencer: ConsumerFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
