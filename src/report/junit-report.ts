import { XMLBuilder } from 'fast-xml-parser'
import type { Results, RuleResult } from './results.js'
import { xmlSafe } from './safe-text.js'
import { countByVerdict, groupByArea, isSkipped } from './verdicts.js'

/**
 * junit.xml: one <testsuite> per area, one <testcase> per rule, for CI test
 * tabs. fast-xml-parser's builder escapes markup; `xmlSafe` removes what XML
 * cannot carry at all (control characters), so no worker output can break
 * the file.
 *
 * @example
 * await writeFile('junit.xml', renderJunit(results))
 */
export function renderJunit(results: Results): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    // The default writes an attribute whose value is "true" as a bare name, which is not XML.
    suppressBooleanAttributes: false,
  })
  const suites = groupByArea(results.rules).map(({ area, rules }) => ({
    '@_name': xmlSafe(area),
    ...counts(rules, rules.reduce((sum, rule) => sum + rule.durationMs, 0)),
    '@_timestamp': results.startedAt,
    properties: { property: runProperties(results) },
    testcase: rules.map((rule) => testcase(rule)),
  }))
  const document = {
    testsuites: { '@_name': 'conform', ...counts(results.rules, results.durationMs), testsuite: suites },
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document)}`
}

/** The JUnit count attributes. Errors are the harness's, failures the worker's; n/a and unknown were not judged, so skipped. */
function counts(rules: readonly RuleResult[], durationMs: number): Record<string, string> {
  const byVerdict = countByVerdict(rules)
  return {
    '@_tests': String(rules.length),
    '@_failures': String(byVerdict.fail),
    '@_errors': String(byVerdict.error),
    '@_skipped': String(byVerdict['n/a'] + byVerdict.unknown),
    '@_time': seconds(durationMs),
  }
}

/** What a reader of the CI tab needs to reproduce the run, repeated per suite because JUnit has no root properties. */
function runProperties(results: Results): { '@_name': string; '@_value': string }[] {
  return [
    ['seed', String(results.seed)],
    ['worker', results.worker.path],
    ['tool', `${results.tool.name} ${results.tool.version}`],
    ['complete', String(results.complete)],
  ].map(([name, value]) => ({ '@_name': name ?? '', '@_value': xmlSafe(value ?? '') }))
}

function testcase(rule: RuleResult): Record<string, unknown> {
  const base = { '@_classname': xmlSafe(rule.area), '@_name': xmlSafe(`${rule.id} ${rule.title}`), '@_time': seconds(rule.durationMs) }
  if (rule.verdict === 'fail') {
    return { ...base, failure: { '@_message': xmlSafe(rule.requirement), '@_type': rule.level, '#text': xmlSafe(failureText(rule)) } }
  }
  if (rule.verdict === 'error') {
    return { ...base, error: { '@_message': xmlSafe(rule.summary), '@_type': 'error', '#text': xmlSafe(failureText(rule)) } }
  }
  if (isSkipped(rule.verdict)) {
    return { ...base, skipped: { '@_message': xmlSafe(`${rule.verdict}: ${rule.summary}`) } }
  }
  return base
}

/** The first finding (message, expected, actual) and the replay command: enough to act on without opening the HTML. */
function failureText(rule: RuleResult): string {
  const example = rule.counterexample
  const finding = example?.findings[0]
  const lines = finding
    ? [finding.message, `expected: ${finding.expected.join(' | ')}`, `actual: ${finding.actual}`]
    : [rule.summary]
  if (example) lines.push(`replay: ${example.replay}`)
  return lines.join('\n')
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3)
}
