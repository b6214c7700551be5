/**
 * conform's Vitest entry, `codepipeline-conform/vitest`: the rules as tests
 * of a team's own suite. Kept apart from the main entry so that importing
 * `codepipeline-conform` never loads Vitest's test API.
 */
export { conformanceSuite, type ConformanceSuiteOptions } from './api/conformance-suite.js'
