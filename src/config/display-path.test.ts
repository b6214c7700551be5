import { describe, expect, it } from 'vitest'
import { displayPath } from './display-path.js'

describe('displayPath', () => {
  it('is relative inside the cwd, absolute outside it', () => {
    expect(displayPath('/work/repo/fixtures/x/conform.config.json', '/work/repo')).toBe('fixtures/x/conform.config.json')
    expect(displayPath('/work/repo', '/work/repo')).toBe('.')
    expect(displayPath('/work/other/conform.config.json', '/work/repo')).toBe('/work/other/conform.config.json')
    expect(displayPath('/work/repo-2/x', '/work/repo')).toBe('/work/repo-2/x')
  })
})
