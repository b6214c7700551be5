import { defineConfig } from 'vitest/config'

// The project's own tests. Conformance suites (suites/**/*.suite.ts) are not
// run here directly: the conform CLI runs them against a worker, and the
// end-to-end tests under test/ run that CLI. The Pact contracts run apart, one
// file at a time and consumer first (contracts/vitest.config.ts), before these.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'fixtures/**/*.test.ts'],
    testTimeout: 60_000,
    // Two files at a time: the end-to-end files spend most of their time waiting on
    // worker processes, so a second file in parallel roughly halves the wall time of
    // npm test on a 2-core machine (Vitest's default here is one).
    maxWorkers: 2,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-temp.ts'],
  },
})
