import { describe, expect, it } from 'vitest'
import { renderJson } from './json-report.js'
import type { Results } from './results.js'
import { RESULTS_SCHEMA, schemaErrors } from '../../test/support/results-schema.js'
import { fullResults, hostileResults, sampleResults } from '../../test/support/sample-results.js'

interface SchemaNode {
  $ref?: string
  description?: string
  properties?: Record<string, SchemaNode>
  items?: SchemaNode
  oneOf?: SchemaNode[]
  $defs?: Record<string, SchemaNode>
}

const schema = RESULTS_SCHEMA as SchemaNode

function errorsOf(results: Results): string[] {
  return schemaErrors(JSON.parse(renderJson(results)))
}

function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node
  const name = node.$ref.replace('#/$defs/', '')
  const target = schema.$defs?.[name]
  if (!target) throw new Error(`unresolved ${node.$ref}`)
  return resolve(target)
}

/**
 * Walks a value beside its schema and lists every object whose keys differ
 * from the schema's properties (both ways), and every schema property with
 * no description. Values the schema leaves open (any JSON) are not entered.
 */
function drift(value: unknown, node: SchemaNode, path: string): string[] {
  const resolved = resolve(node)
  if (Array.isArray(value)) {
    if (!resolved.items) return []
    return value.flatMap((item, index) => drift(item, resolved.items!, `${path}[${index}]`))
  }
  if (value === null || typeof value !== 'object' || !resolved.properties) return []
  const keys = Object.keys(value)
  const known = Object.keys(resolved.properties)
  return [
    ...keys.filter((key) => !known.includes(key)).map((key) => `${path}.${key} is in the model but not in the schema`),
    ...known.filter((key) => !keys.includes(key)).map((key) => `${path}.${key} is in the schema but not in the model`),
    ...known.filter((key) => !resolve(resolved.properties![key]!).description).map((key) => `${path}.${key} has no description`),
    ...keys.filter((key) => known.includes(key)).flatMap((key) => drift((value as Record<string, unknown>)[key], resolved.properties![key]!, `${path}.${key}`)),
  ]
}

describe('docs/results-schema.json', () => {
  it('accepts results.json of the sample, the sample with every optional field, and hostile text', () => {
    expect(errorsOf(sampleResults())).toEqual([])
    expect(errorsOf(fullResults())).toEqual([])
    expect(errorsOf(hostileResults())).toEqual([])
  })

  it('rejects what the model does not allow', () => {
    const results = sampleResults()
    Object.assign(results.rules[0]!, { verdict: 'flaky' })
    delete (results as Partial<Results>).seed
    Object.assign(results, { extra: true })
    expect(errorsOf(results)).toEqual([
      '/ must have required property \'seed\'',
      '/ must NOT have additional properties',
      '/rules/0/verdict must be equal to one of the allowed values',
    ])
  })

  it('describes exactly the fields of the model, each with a description', () => {
    // fullResults() is typed DeepRequired<Results>: a field added to the type but not to it fails the typecheck;
    // here, a field in it but not in the schema (or the other way round) fails the test.
    expect(drift(JSON.parse(renderJson(fullResults())), schema, '$')).toEqual([])
  })

  it('notices a field the schema does not describe', () => {
    const results = fullResults()
    Object.assign(results.rules[0]!.counterexample.findings[0]!, { severity: 'high' })
    expect(drift(JSON.parse(renderJson(results)), schema, '$')).toEqual(['$.rules[0].counterexample.findings[0].severity is in the model but not in the schema'])
  })
})
