import { displayPath } from '../config/display-path.js'
import { ConformError } from '../errors/conform-error.js'

/**
 * The one-paragraph error for a worker that could not be spawned, worded
 * for the usual causes: a program not installed, a script without its
 * executable bit, a working directory that went away.
 */
export function startFailed(error: NodeJS.ErrnoException, options: { program: string; cwd: string; configSource: string }): ConformError {
  const { program } = options
  const where = `command in ${displayPath(options.configSource)}`
  const isPath = program.includes('/')
  let message: string
  if (error.code === 'ENOENT' && isPath) {
    message =
      `conform: could not start the worker: \`${program}\` was not found (${where}; a relative path starts from ${displayPath(options.cwd)}). ` +
      `Fix the path in \`command\`.`
  } else if (error.code === 'ENOENT') {
    message = `conform: could not start the worker: \`${program}\` was not found (${where}). Install it, or change \`command\` to a program on your PATH.`
  } else if (error.code === 'EACCES') {
    message =
      `conform: could not start the worker: \`${program}\` is not executable (${where}). ` +
      `Make it executable (\`chmod +x ${program}\`), or change \`command\` to run it through its interpreter, e.g. ["sh", "${program}"].`
  } else {
    message = `conform: could not start the worker: starting \`${program}\` failed with ${error.code ?? 'an error'} (${error.message}) (${where}). Check \`command\`.`
  }
  return new ConformError('CONFORM_WORKER_START_FAILED', message, { cause: error })
}

/** The error for a worker folder that is missing at spawn time (it existed when the config was read). */
export function workingDirectoryMissing(options: { cwd: string; configSource: string }): ConformError {
  return new ConformError(
    'CONFORM_WORKER_START_FAILED',
    `conform: could not start the worker: its working directory ${displayPath(options.cwd)} does not exist (the folder of ${displayPath(options.configSource)}). Check that the folder was not moved or deleted during the run.`,
  )
}
