import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestCase, TestModule } from 'vitest/node'
import type { RuleDefinition } from '../rules/rule.js'
import type { RuleOutcome, SuiteContext } from '../suite/suite-context.js'
import '../suite/suite-context.js'

/** The package root: suites/ ships beside src/ and dist/. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface SuiteRun {
  outcomes: Map<string, RuleOutcome>
  /** Errors Vitest met outside any rule's test (a suite that failed to load, a crash). */
  problems: string[]
}

/**
 * Runs the conformance suites through Vitest against a live session. Vitest
 * gives selection, parallel files and (later) sharding; conform's own
 * reporter only collects each rule's outcome from the test's meta, so
 * nothing of Vitest's output reaches the user.
 */
export async function runSuites(options: {
  rules: readonly RuleDefinition[]
  context: SuiteContext
  /** Aborting cancels the run; outcomes that arrive afterwards are dropped (the session is being torn down under them). */
  signal?: AbortSignal
  onRuleDone?: (outcome: RuleOutcome) => void
}): Promise<SuiteRun> {
  const outcomes = new Map<string, RuleOutcome>()
  const problems: string[] = []
  const ids = options.rules.map((rule) => rule.id)
  const collector = {
    onTestCaseResult(testCase: TestCase) {
      const outcome = testCase.meta().conform
      if (!outcome || options.signal?.aborted) return
      outcomes.set(outcome.ruleId, outcome)
      options.onRuleDone?.(outcome)
    },
    onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<{ message?: string }>) {
      for (const module of modules) {
        for (const error of module.errors()) problems.push(`${module.moduleId}: ${error.message}`)
      }
      for (const error of errors) problems.push(error.message ?? String(error))
    },
  }
  const files = await suiteFilesFor(ids)
  // Loaded on demand: a run that stops at a config error should not pay for Vitest's start-up.
  const { createVitest } = await import('vitest/node')
  const exitCode = process.exitCode
  const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
  const vitest = await createVitest(
    'test',
    {
      root: PACKAGE_ROOT,
      config: false,
      watch: false,
      include: files,
      reporters: [collector],
      provide: { conform: options.context },
      testNamePattern: new RegExp(`^(${ids.join('|')}) `),
      pool: 'threads',
      // Scenarios play one at a time through the session whatever Vitest does, so parallel
      // files buy nothing; one thread that loads src once saves a thread start and a
      // transform of the whole of src per suite file (~0.4 s CPU each, measured).
      isolate: false,
      fileParallelism: false,
      maxWorkers: 1,
      passWithNoTests: false,
    },
    { logLevel: 'silent', server: { deps: { inline: [PACKAGE_ROOT] } } } as Record<string, unknown>,
  )
  // Vitest's logger exits the process on SIGINT/SIGTERM; conform handles those itself
  // (stop the worker, write the partial report), so Vitest's listeners are taken off.
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) if (!signalListeners[name].includes(listener)) process.off(name, listener)
  }
  const cancel = (): void => void vitest.cancelCurrentRun('keyboard-input')
  options.signal?.addEventListener('abort', cancel, { once: true })
  try {
    if (!options.signal?.aborted) await vitest.start()
  } finally {
    options.signal?.removeEventListener('abort', cancel)
    await vitest.close()
    // Vitest marks the process failed when a rule's test fails; conform decides its own exit code.
    process.exitCode = exitCode
  }
  return { outcomes, problems }
}

/**
 * The suite files that declare at least one of the rules: a suite names its
 * rules by their constants (ERR-004 is ERR_004), so the files are found by
 * reading them, not by a second list that could drift. Vitest then starts
 * only those, instead of collecting every area to run one rule.
 */
async function suiteFilesFor(ids: readonly string[]): Promise<string[]> {
  const root = join(PACKAGE_ROOT, 'suites')
  const entries = await readdir(root, { recursive: true })
  const files = entries.filter((entry) => entry.endsWith('.suite.ts')).sort()
  const constants = ids.map((id) => new RegExp(`\\b${id.replace('-', '_')}\\b`))
  const wanted: string[] = []
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8')
    if (constants.some((constant) => constant.test(text))) wanted.push(relative(PACKAGE_ROOT, join(root, file)).split('\\').join('/'))
  }
  return wanted.length > 0 ? wanted : ['suites/**/*.suite.ts']
}
