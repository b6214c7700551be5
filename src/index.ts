/**
 * conform's public API. Everything not exported here is internal and may
 * change in any release.
 */
export { runConformance, type RunConformanceOptions } from './api/run-conformance.js'
export { assertConformance, ConformanceFailure } from './api/assert-conformance.js'
export type { ProgressEvent } from './api/progress-event.js'
export type { WorkerFlags } from './config/config-from-flags.js'
export { defineConfig } from './config/define-config.js'
export type { WorkerConfig } from './config/worker-config.js'
export { isConformError, type ConformError, type ConformErrorCode } from './errors/conform-error.js'
export { RULES, CATALOGUE_VERSION } from './rules/catalogue.js'
export type { RuleDefinition, Evidence, Judgement } from './rules/rule.js'
export type { Results, RuleResult, Verdict, RuleLevel, Finding, Counterexample } from './report/results.js'
export type { TraceEntry } from './service/trace/trace-entry.js'
