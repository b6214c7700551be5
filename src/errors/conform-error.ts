/**
 * Stable codes for every error conform raises on purpose. The CLI maps each
 * kind to its exit code and presentation; callers recognise errors by the
 * brand, not by `instanceof`, so errors survive module duplication.
 */
export type ConformErrorCode =
  | 'CONFORM_USAGE'
  | 'CONFORM_WORKER_PATH_NOT_FOUND'
  | 'CONFORM_CONFIG_NOT_FOUND'
  | 'CONFORM_CONFIG_UNREADABLE'
  | 'CONFORM_CONFIG_INVALID'
  | 'CONFORM_WORKER_START_FAILED'
  | 'CONFORM_WORKER_NEVER_POLLED'
  | 'CONFORM_WORKER_EXITED'
  | 'CONFORM_PORT_UNAVAILABLE'
  | 'CONFORM_SELECTION_EMPTY'
  | 'CONFORM_RUN_INCOMPLETE'
  | 'CONFORM_INTERNAL'

const brand = Symbol.for('conform.error')

export class ConformError extends Error {
  readonly code: ConformErrorCode
  readonly [brand] = true

  constructor(code: ConformErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ConformError'
    this.code = code
  }
}

export function isConformError(value: unknown): value is ConformError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true
}
