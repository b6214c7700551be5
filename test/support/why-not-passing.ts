import type { Results, RuleResult } from '../../src/report/results.js'

/** How much of a counterexample a failure message carries: enough to see what happened around the finding. */
const TAIL = 15

/**
 * The rules that neither passed nor were n/a, each with its summary and, when
 * it has a counterexample, what each finding saw and the tail of the calls and
 * the worker's output (times in ms on the session's clock): the message of a
 * verdict comparison, so a failure on a loaded CI machine can be understood
 * from the log alone (the run's report folder does not outlive `npm test`).
 */
export function whyNotPassing(results: Pick<Results, 'rules'>): string {
  const lines = results.rules.filter((rule) => rule.verdict !== 'pass' && rule.verdict !== 'n/a').flatMap(describeRule)
  return lines.length > 0 ? `rules not passing:\n${lines.join('\n')}` : 'every rule passed or was n/a'
}

function describeRule(rule: RuleResult): string[] {
  const head = `${rule.id} ${rule.verdict}: ${rule.summary}`
  const example = rule.counterexample
  if (!example) return [head]
  return [
    head,
    ...example.findings.map((finding) => `  finding: ${finding.actual}`),
    `  last calls:`,
    ...example.trace.slice(-TAIL).map((call) => `    ${Math.round(call.at)} #${call.seq} ${call.operation} ${call.response.status}${call.response.errorType ? ` ${call.response.errorType}` : ''}${call.fault ? ` (fault ${call.fault})` : ''}`),
    `  last worker output:`,
    ...example.workerOutput.slice(-TAIL).map((line) => `    ${Math.round(line.at)} ${line.stream === 'stderr' ? '!' : '|'} ${line.text.slice(0, 200)}`),
  ]
}
