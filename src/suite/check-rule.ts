import fc from 'fast-check'
import type { RuleDefinition } from '../rules/rule.js'
import { scenariosFor } from '../rules/scenario-budget.js'
import { instantiateScenario } from '../scenarios/instantiate.js'
import type { Finding } from '../report/results.js'
import { HarnessError, playScenario, type PlayedScenario } from './control-client.js'
import { deriveSeed } from './derive-seed.js'
import type { RuleOutcome, SuiteContext } from './suite-context.js'

/**
 * Plays a rule's generated scenarios against the worker until one breaks the
 * rule, then shrinks it. Shrinking replays scenarios against a live worker, so
 * it has a budget: once spent, remaining candidates are answered "holds"
 * without playing, and fast-check stops at the smallest failure played so far.
 * Returns data; never throws because the worker broke the rule.
 */
export async function checkRule(rule: RuleDefinition, context: SuiteContext): Promise<RuleOutcome> {
  const started = performance.now()
  const control = { url: context.controlUrl, token: context.controlToken }
  const replaying = context.replay?.ruleId === rule.id ? context.replay : undefined
  let played = 0
  let exercised = 0
  let shrinkPlays = 0
  let shrinkStarted = 0
  let lastPlayMs = 0
  // A play that would end past the time budget is not started: a rule whose failing scenario waits out its
  // deadline (seconds) would otherwise overrun the budget by a whole play, and the developer waits for it.
  const budgetSpent = (): boolean => shrinkPlays >= context.shrinkBudget || performance.now() - shrinkStarted + lastPlayMs > context.shrinkTimeMs
  let lastFailure: { played: PlayedScenario; findings: Finding[] } | undefined
  let harnessError: Error | undefined
  const notes = new Set<string>()

  const property = fc.asyncProperty(rule.scenario(context.scenario), async (generated) => {
    if (harnessError) return true
    if (lastFailure && budgetSpent()) return true
    if (lastFailure) shrinkPlays += 1
    let result: PlayedScenario
    const playStarted = performance.now()
    try {
      result = await playScenario(control, instantiateScenario(generated), context.scenarioDeadlineMs, rule.id)
    } catch (error) {
      harnessError = error instanceof Error ? error : new HarnessError(String(error))
      return true
    }
    played += 1
    lastPlayMs = performance.now() - playStarted
    const judgement = rule.check({
      scenario: result.scenario,
      trace: result.trace,
      outcomes: result.outcomes,
      span: result.span,
      output: result.output,
      ...(result.events ? { events: result.events } : {}),
      ...(result.planted ? { planted: result.planted } : {}),
    })
    if (judgement.verdict === 'fail') {
      if (!lastFailure) shrinkStarted = performance.now()
      lastFailure = { played: result, findings: judgement.findings }
      return false
    }
    if (judgement.verdict === 'pass') exercised += 1
    else if (judgement.note) notes.add(judgement.note)
    return true
  })

  const details = await fc.check(property, {
    seed: deriveSeed(context.seed, rule.id),
    numRuns: replaying ? 1 : scenariosFor(rule, context.runs),
    ...(replaying ? { path: replaying.path, endOnFailure: true } : {}),
  })
  const base = { ruleId: rule.id, scenariosRun: played, durationMs: Math.round(performance.now() - started) }

  if (harnessError) {
    return { ...base, verdict: 'error', summary: `The harness broke, not the worker: ${harnessError.message}` }
  }
  if (details.failed && lastFailure) {
    const path = details.counterexamplePath ?? ''
    const budgetNote = budgetSpent() ? ` (shrink budget spent: ${shrinkPlays} plays, ${Math.round(performance.now() - shrinkStarted)} ms)` : ''
    return {
      ...base,
      verdict: 'fail',
      summary: `${lastFailure.findings[0]?.message ?? 'The rule was broken.'} Shrunk ${details.numShrinks} time(s)${budgetNote}.`,
      counterexample: {
        scenario: lastFailure.played.scenario,
        shrinks: details.numShrinks,
        findings: lastFailure.findings,
        trace: lastFailure.played.trace,
        workerOutput: lastFailure.played.output,
        replay: `${context.replayCommand.before} --rule ${rule.id} --seed ${context.seed} --replay ${path}${context.replayCommand.after}`,
      },
    }
  }
  if (details.failed) {
    return { ...base, verdict: 'error', summary: `The rule's check itself failed: ${String(details.errorInstance ?? 'unknown error')}` }
  }
  if (exercised > 0) {
    return { ...base, verdict: 'pass', summary: `Held in all ${exercised} scenario(s) that reached the rule's situation (${played} played).` }
  }
  return {
    ...base,
    verdict: 'unknown',
    summary: `Not observed in ${played} scenario(s): ${[...notes].join('; ') || 'no evidence either way'}.`,
  }
}
