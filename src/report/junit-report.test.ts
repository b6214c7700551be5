import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { renderJunit } from './junit-report.js'
import { sampleResults } from '../../test/support/sample-results.js'

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
})

interface Parsed {
  testsuites: Record<string, string> & {
    testsuite: (Record<string, string> & { testcase: Record<string, unknown>[] })[]
  }
}

describe('renderJunit', () => {
  it('writes one suite per area and one case per rule, with counts on suites and root', () => {
    const xml = renderJunit(sampleResults())
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true)
    expect(XMLValidator.validate(xml)).toBe(true)
    const root = (parser.parse(xml) as Parsed).testsuites
    expect({ name: root.name, tests: root.tests, failures: root.failures, errors: root.errors, skipped: root.skipped, time: root.time }).toEqual({
      name: 'conform',
      tests: '4',
      failures: '1',
      errors: '0',
      skipped: '2',
      time: '12.345',
    })
    expect(root.testsuite.map((suite) => [suite.name, suite.tests, suite.failures, suite.errors, suite.skipped, suite.time])).toEqual([
      ['acknowledgement', '1', '1', '0', '0', '6.120'],
      ['nonce', '1', '0', '0', '0', '3.010'],
      ['results', '1', '0', '0', '1', '3.200'],
      ['continuation', '1', '0', '0', '1', '0.000'],
    ])
    const [ack, nonce, result, continuation] = root.testsuite.map((suite) => suite.testcase[0])
    expect(ack).toEqual({
      classname: 'acknowledgement',
      name: 'ACK-001 Acknowledge before reporting',
      time: '6.120',
      failure: {
        message:
          'A worker MUST call AcknowledgeJob for a job before it reports any result (PutJobSuccessResult or PutJobFailureResult) for that job.',
        type: 'MUST',
        '#text': [
          'The worker reported a result for job 6d1c8a8e-3f2b-4c55-9b1a-2f7c9d0e4a11 without acknowledging it first.',
          'expected: AcknowledgeJob(jobId, nonce) before any result call | no result call at all',
          'actual: PutJobSuccessResult #2 at 41 ms -> 200',
          'replay: npx conform fixtures/workers/ack-001-skips-ack --rule ACK-001 --seed 1234 --replay 17:0:0:0:0',
        ].join('\n'),
      },
    })
    expect(nonce).toEqual({ classname: 'nonce', name: 'NONCE-001 Acknowledge with the nonce of that dispatch', time: '3.010' })
    expect(result?.skipped).toEqual({ message: 'unknown: No scenario reached the situation: the worker acknowledged no job before the 5000 ms scenario deadline.' })
    expect(continuation?.skipped).toEqual({ message: 'n/a: The worker does not declare the continuation capability.' })
  })

  it('reports a harness error as <error>, counted under errors', () => {
    const results = sampleResults()
    const nonce = results.rules[1]
    if (!nonce) throw new Error('sample changed')
    Object.assign(nonce, { verdict: 'error', summary: 'The suite reported no outcome for this rule.' })
    const root = (parser.parse(renderJunit(results)) as Parsed).testsuites
    expect(root.errors).toBe('1')
    expect(root.testsuite[1]?.testcase[0]?.error).toEqual({ message: 'The suite reported no outcome for this rule.', type: 'error', '#text': 'The suite reported no outcome for this rule.' })
  })

  it('stays well-formed whatever the worker put in a finding', () => {
    const hostile = 'a ]]> b <tag attr="x"> & \'q\' \u0000\u0001\u001b[31mred\u001b[0m\u0007 \ud800 end'
    const results = sampleResults()
    const finding = results.rules[0]?.counterexample?.findings[0]
    if (!finding) throw new Error('sample changed')
    finding.message = hostile
    finding.actual = hostile
    results.rules[0]!.requirement = hostile
    const xml = renderJunit(results)
    expect(XMLValidator.validate(xml)).toBe(true)
    const failure = (parser.parse(xml) as Parsed).testsuites.testsuite[0]?.testcase[0]?.failure as Record<string, string>
    const shown = 'a ]]> b <tag attr="x"> & \'q\' \\u0000\\u0001red\\u0007 \\ud800 end'
    expect(failure.message).toBe(shown)
    expect(failure['#text']?.split('\n')[0]).toBe(shown)
  })
})
