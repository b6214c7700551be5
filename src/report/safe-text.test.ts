import { describe, expect, it } from 'vitest'
import { oneLine, stripAnsi, terminalSafe, truncate, xmlSafe } from './safe-text.js'

describe('safe text', () => {
  it('removes whole escape sequences (CSI, OSC hyperlinks and titles) and leftover controls for the terminal', () => {
    expect(stripAnsi('\x1b[1;31mred\x1b[0m')).toBe('red')
    expect(terminalSafe('\x1b]8;;https://evil.invalid\x1b\\click\x1b]8;;\x1b\\ \x1b]0;title\x07x')).toBe('click x')
    expect(terminalSafe('a\rb\x08c\x07d\x9b2Je\u202ef\nh\ti\x1b')).toBe('abcdef\nh\ti')
    expect(oneLine('line one\r\nline two\tend')).toBe('line one line two end')
  })

  it('replaces what XML 1.0 cannot carry with a visible escape', () => {
    expect(xmlSafe('ok\ttab\nnl \x00\x0b\x1f \ud800 \uffff 😀')).toBe('ok\ttab\nnl \\u0000\\u000b\\u001f \\ud800 \\uffff 😀')
  })

  it('truncates without splitting a surrogate pair', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef')
    expect(truncate('abcdef', 4)).toBe('abc…')
    expect(truncate('ab😀cd', 4)).toBe('ab…')
  })
})
