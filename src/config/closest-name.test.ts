import { describe, expect, it } from 'vitest'
import { closestName } from './closest-name.js'

describe('closestName', () => {
  it('suggests a near name and nothing for an unrelated one', () => {
    expect(closestName('comand', ['command', 'actionType'])).toBe('command')
    expect(closestName('ActionType', ['command', 'actionType'])).toBe('actionType')
    expect(closestName('timeout', ['command', 'actionType'])).toBeUndefined()
  })
})
