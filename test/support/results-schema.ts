import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'

/** docs/results-schema.json, compiled once, for every test that checks a written results.json against it. */
export const RESULTS_SCHEMA = JSON.parse(readFileSync(new URL('../../docs/results-schema.json', import.meta.url), 'utf8')) as Record<string, unknown>

const ajv = new Ajv2020({ allErrors: true, strict: true })
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/)
const validate = ajv.compile(RESULTS_SCHEMA)

/** The schema's complaints about a parsed results.json, one line each; empty when it is valid. */
export function schemaErrors(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? ''}`)
}
