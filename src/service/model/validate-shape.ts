import { shapeNamed, type ModelShape, type ServiceModel } from './service-model.js'

/**
 * What validating a value against a shape found: nothing, constraint
 * violations (a ValidationException, with AWS's message), or a value of the
 * wrong JSON type (a SerializationException, as on the real service).
 */
export type Validation =
  | { kind: 'valid' }
  | { kind: 'invalid'; message: string; violations: string[] }
  | { kind: 'serialization'; message: string }

class SerializationProblem extends Error {}

/**
 * Validates `value` against the model's shape `shapeName` the way AWS's JSON
 * services do: required members, string lengths (in Unicode code points),
 * patterns (a full match), enums, integer ranges, list and map sizes, map keys
 * and values, nested structures and lists. Members the shape does not name
 * are ignored, as AWS ignores them. Violations are listed in member order.
 *
 * @example
 * validateShape(codePipelineModel, 'AcknowledgeJobInput', { nonce: '1' })
 * // { kind: 'invalid', message: "1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null", ... }
 */
export function validateShape(model: ServiceModel, shapeName: string, value: unknown): Validation {
  const violations: string[] = []
  try {
    checkValue(model, value, shapeName, '', violations)
  } catch (error) {
    if (error instanceof SerializationProblem) return { kind: 'serialization', message: error.message }
    throw error
  }
  if (violations.length === 0) return { kind: 'valid' }
  return { kind: 'invalid', message: validationMessage(violations), violations }
}

/** `1 validation error detected: a` or `N validation errors detected: a; b`. */
export function validationMessage(violations: string[]): string {
  const n = violations.length
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`
}

const at = (path: string, member: string): string => (path === '' ? member : `${path}.${member}`)
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const violation = (shown: string | undefined, path: string, text: string): string =>
  `${shown === undefined ? 'Value' : `Value ${shown}`} at '${path}' failed to satisfy constraint: ${text}`

function checkValue(model: ServiceModel, value: unknown, shapeName: string, path: string, out: string[]): void {
  const shape = shapeNamed(model, shapeName)
  switch (shape.type) {
    case 'structure':
      if (!isObject(value)) throw new SerializationProblem(`Expected an object at '${path || '(root)'}'`)
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const memberPath = at(path, name)
        const v = value[name]
        if (v === undefined || v === null) {
          if (shape.required?.includes(name)) out.push(violation('null', memberPath, 'Member must not be null'))
          continue
        }
        checkValue(model, v, member.shape, memberPath, out)
      }
      return
    case 'string':
      if (typeof value !== 'string') throw new SerializationProblem(`Expected a string at '${path}'`)
      for (const c of stringViolations(value, shape)) out.push(violation(c.showValue ? `'${value}'` : undefined, path, c.text))
      return
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new SerializationProblem(`Expected an integer at '${path}'`)
      rangeViolations(value, shape, path, out)
      return
    case 'float':
    case 'double':
      if (typeof value !== 'number') throw new SerializationProblem(`Expected a number at '${path}'`)
      rangeViolations(value, shape, path, out)
      return
    case 'boolean':
      if (typeof value !== 'boolean') throw new SerializationProblem(`Expected a boolean at '${path}'`)
      return
    case 'timestamp':
      if (typeof value !== 'number') throw new SerializationProblem(`Expected a timestamp (epoch seconds) at '${path}'`)
      return
    case 'blob':
      if (typeof value !== 'string') throw new SerializationProblem(`Expected a base64 string at '${path}'`)
      return
    case 'list': {
      if (!Array.isArray(value)) throw new SerializationProblem(`Expected a list at '${path}'`)
      sizeViolations(value.length, shape, path, out)
      const member = shape.member?.shape
      if (member === undefined) return
      value.forEach((item, index) => {
        const itemPath = `${path}.${index + 1}.member`
        if (item === null || item === undefined) out.push(violation('null', itemPath, 'Member must not be null'))
        else checkValue(model, item, member, itemPath, out)
      })
      return
    }
    case 'map':
      if (!isObject(value)) throw new SerializationProblem(`Expected an object at '${path}'`)
      checkMap(model, value, shape, path, out)
      return
  }
}

/** Map keys and values: each kind of problem is reported once, listing the constraints broken (AWS's format). */
function checkMap(model: ServiceModel, value: Record<string, unknown>, shape: ModelShape, path: string, out: string[]): void {
  const entries = Object.entries(value)
  sizeViolations(entries.length, shape, path, out)
  const keyShape = shape.key ? shapeNamed(model, shape.key.shape) : undefined
  const valueShapeName = shape.value?.shape
  const valueShape = valueShapeName !== undefined ? shapeNamed(model, valueShapeName) : undefined
  const keyProblems = new Set<string>()
  const valueProblems = new Set<string>()
  for (const [k, v] of entries) {
    if (keyShape) for (const c of stringViolations(k, keyShape)) keyProblems.add(c.text)
    if (valueShapeName === undefined || valueShape === undefined) continue
    if (v === null || v === undefined) {
      valueProblems.add('Member must not be null')
    } else if (valueShape.type === 'string') {
      if (typeof v !== 'string') throw new SerializationProblem(`Expected a string value at '${path}.${k}'`)
      for (const c of stringViolations(v, valueShape)) valueProblems.add(c.text)
    } else {
      checkValue(model, v, valueShapeName, `${path}.${k}.member`, out)
    }
  }
  if (keyProblems.size > 0) out.push(violation(undefined, path, `Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]`))
  if (valueProblems.size > 0) out.push(violation(undefined, path, `Map value must satisfy constraint: [${[...valueProblems].join(', ')}]`))
}

function stringViolations(value: string, shape: ModelShape): { text: string; showValue: boolean }[] {
  const found: { text: string; showValue: boolean }[] = []
  // Smithy lengths count Unicode code points, not UTF-16 units.
  const length = [...value].length
  if (shape.enum && !shape.enum.includes(value)) found.push({ text: `Member must satisfy enum value set: [${shape.enum.join(', ')}]`, showValue: true })
  if (shape.max !== undefined && length > shape.max) found.push({ text: `Member must have length less than or equal to ${shape.max}`, showValue: false })
  if (shape.min !== undefined && length < shape.min) found.push({ text: `Member must have length greater than or equal to ${shape.min}`, showValue: false })
  if (shape.pattern !== undefined && !fullMatch(shape.pattern).test(value))
    found.push({ text: `Member must satisfy regular expression pattern: ${shape.pattern}`, showValue: true })
  return found
}

function rangeViolations(value: number, shape: ModelShape, path: string, out: string[]): void {
  if (shape.min !== undefined && value < shape.min) out.push(violation(`'${value}'`, path, `Member must have value greater than or equal to ${shape.min}`))
  if (shape.max !== undefined && value > shape.max) out.push(violation(`'${value}'`, path, `Member must have value less than or equal to ${shape.max}`))
}

function sizeViolations(size: number, shape: ModelShape, path: string, out: string[]): void {
  if (shape.max !== undefined && size > shape.max) out.push(violation(undefined, path, `Member must have length less than or equal to ${shape.max}`))
  if (shape.min !== undefined && size < shape.min) out.push(violation(undefined, path, `Member must have length greater than or equal to ${shape.min}`))
}

const patterns = new Map<string, RegExp>()

/** The model's patterns (Java syntax, also valid ECMAScript with the `u` flag) as anchored full matches. */
function fullMatch(pattern: string): RegExp {
  let regexp = patterns.get(pattern)
  if (regexp === undefined) {
    regexp = new RegExp(`^(?:${pattern})$`, 'u')
    patterns.set(pattern, regexp)
  }
  return regexp
}
