/**
 * A small model validator producing the messages AWS's JSON services send:
 * `2 validation errors detected: Value null at 'jobId' failed to satisfy
 * constraint: Member must not be null; ...`. A member of the wrong JSON type
 * is a SerializationException, as on the real service.
 */
export type Shape =
  | { kind: 'string'; min?: number; max?: number; pattern?: string; enum?: readonly string[] }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'timestamp' }
  | { kind: 'structure'; members: Record<string, Member> }
  | { kind: 'map'; key: Shape & { kind: 'string' }; value: Shape & { kind: 'string' } }

export interface Member {
  shape: Shape
  required?: boolean
}

export type Validation =
  | { kind: 'valid' }
  | { kind: 'invalid'; message: string }
  | { kind: 'serialization'; message: string }

class SerializationProblem extends Error {}

export function validate(input: Record<string, unknown>, shape: Shape & { kind: 'structure' }): Validation {
  const violations: string[] = []
  try {
    checkStructure(input, shape, '', violations)
  } catch (error) {
    if (error instanceof SerializationProblem) return { kind: 'serialization', message: error.message }
    throw error
  }
  if (violations.length === 0) return { kind: 'valid' }
  return { kind: 'invalid', message: validationMessage(violations) }
}

/** `1 validation error detected: a` or `N validation errors detected: a; b`. */
export function validationMessage(violations: string[]): string {
  const n = violations.length
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`
}

const at = (path: string, member: string): string => (path === '' ? member : `${path}.${member}`)

function checkStructure(value: Record<string, unknown>, shape: Shape & { kind: 'structure' }, path: string, out: string[]): void {
  for (const [name, member] of Object.entries(shape.members)) {
    const memberPath = at(path, name)
    const v = value[name]
    if (v === undefined || v === null) {
      if (member.required) out.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`)
      continue
    }
    checkValue(v, member.shape, memberPath, out)
  }
}

function checkValue(value: unknown, shape: Shape, path: string, out: string[]): void {
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') throw new SerializationProblem(`Expected a string at '${path}'`)
      out.push(...stringViolations(value, shape).map((c) => `${c.showValue ? `Value '${value}'` : 'Value'} at '${path}' failed to satisfy constraint: ${c.text}`))
      return
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new SerializationProblem(`Expected an integer at '${path}'`)
      if (shape.min !== undefined && value < shape.min)
        out.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && value > shape.max)
        out.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${shape.max}`)
      return
    case 'timestamp':
      if (typeof value !== 'number') throw new SerializationProblem(`Expected a timestamp (epoch seconds) at '${path}'`)
      return
    case 'structure':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SerializationProblem(`Expected an object at '${path}'`)
      checkStructure(value as Record<string, unknown>, shape, path, out)
      return
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SerializationProblem(`Expected an object at '${path}'`)
      const keyProblems = new Set<string>()
      const valueProblems = new Set<string>()
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') throw new SerializationProblem(`Expected a string value at '${path}.${k}'`)
        for (const c of stringViolations(k, shape.key)) keyProblems.add(c.text)
        for (const c of stringViolations(v, shape.value)) valueProblems.add(c.text)
      }
      if (keyProblems.size > 0) out.push(`Value at '${path}' failed to satisfy constraint: Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]`)
      if (valueProblems.size > 0) out.push(`Value at '${path}' failed to satisfy constraint: Map value must satisfy constraint: [${[...valueProblems].join(', ')}]`)
      return
    }
  }
}

function stringViolations(value: string, shape: Shape & { kind: 'string' }): { text: string; showValue: boolean }[] {
  const found: { text: string; showValue: boolean }[] = []
  if (shape.enum && !shape.enum.includes(value)) found.push({ text: `Member must satisfy enum value set: [${shape.enum.join(', ')}]`, showValue: true })
  if (shape.max !== undefined && value.length > shape.max) found.push({ text: `Member must have length less than or equal to ${shape.max}`, showValue: false })
  if (shape.min !== undefined && value.length < shape.min) found.push({ text: `Member must have length greater than or equal to ${shape.min}`, showValue: false })
  if (shape.pattern !== undefined && !new RegExp(`^(?:${shape.pattern})$`).test(value))
    found.push({ text: `Member must satisfy regular expression pattern: ${shape.pattern}`, showValue: true })
  return found
}
