import type { WorkerConfigInput } from './worker-config.js'

/**
 * Types a `conform.config.ts` (or `.js`, `.mjs`) so the editor checks it as
 * it is written. Returns the config unchanged; validation happens when
 * conform loads it.
 *
 * @example
 * // conform.config.ts
 * import { defineConfig } from 'codepipeline-conform'
 * export default defineConfig({
 *   command: ['node', 'worker.js'],
 *   actionType: { category: 'Build', provider: 'MyProvider', version: '1' },
 * })
 */
export function defineConfig(config: WorkerConfigInput): WorkerConfigInput {
  return config
}
