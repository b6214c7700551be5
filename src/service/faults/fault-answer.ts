import { setTimeout as sleep } from 'node:timers/promises'
import { FAULT_ERRORS, type FaultError } from './fault-script.js'

/** The messages AWS gives these errors (or close to them): a worker may log them, never parse them. */
const MESSAGES: Record<FaultError, (operation: string) => string> = {
  ThrottlingException: () => 'Rate exceeded',
  InternalFailure: () => 'We encountered an internal error. Please try again.',
  ServiceUnavailable: () => 'Service Unavailable. Please try again later.',
  ValidationException: (operation) => `1 validation error detected: the request to ${operation} was refused (conform fault injection)`,
  ActionTypeNotFoundException: () => 'ActionType not found',
  AccessDeniedException: (operation) => `User is not authorized to perform: codepipeline:${operation} (conform fault injection)`,
}

/** The AWS JSON error a fault answers for an operation. */
export function faultError(error: FaultError, operation: string): { code: string; message: string; status: number } {
  return { code: error, message: MESSAGES[error](operation), status: FAULT_ERRORS[error] }
}

/** A delay fault's wait; the fake's other calls go on meanwhile. */
export const faultDelay = (ms: number): Promise<void> => sleep(ms)
