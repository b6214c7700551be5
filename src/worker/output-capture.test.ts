import { PassThrough } from 'node:stream'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { OutputCapture, type OutputLine } from './output-capture.js'

/** A clock that ticks once per reading, so every line gets its own time. */
function tickingClock(): () => number {
  let now = 0
  return () => ++now
}

async function feed(stream: PassThrough, chunks: string[]): Promise<void> {
  for (const chunk of chunks) stream.write(chunk)
  stream.end()
  await once(stream, 'end')
}

describe('OutputCapture', () => {
  it('splits chunks into lines, stamps them, and flushes an unterminated last line', async () => {
    const capture = new OutputCapture({ clock: tickingClock() })
    const stdout = new PassThrough()
    const stderr = new PassThrough()
    capture.attach(stdout, 'stdout')
    capture.attach(stderr, 'stderr')
    stdout.write('hel')
    stdout.write('lo\r\nwor')
    await new Promise((resolve) => setImmediate(resolve))
    stderr.write('oops\n')
    await new Promise((resolve) => setImmediate(resolve))
    await feed(stdout, ['ld\n', 'no newline'])
    stderr.end()
    expect(capture.lines()).toEqual([
      { at: 1, stream: 'stdout', text: 'hello' },
      { at: 2, stream: 'stderr', text: 'oops' },
      { at: 3, stream: 'stdout', text: 'world' },
      { at: 4, stream: 'stdout', text: 'no newline' },
    ])
    expect(capture.last(2).map((l) => l.text)).toEqual(['world', 'no newline'])
    expect(capture.last(0)).toEqual([])
    expect(capture.between(2, 3).map((l) => l.text)).toEqual(['oops', 'world'])
  })

  it('keeps the head and the tail, with one marker for the lines in between', async () => {
    const capture = new OutputCapture({ clock: tickingClock(), headLines: 2, tailLines: 3 })
    const stdout = new PassThrough()
    capture.attach(stdout, 'stdout')
    await feed(stdout, [Array.from({ length: 10 }, (_, i) => `line ${i + 1}\n`).join('')])
    const marker: OutputLine = { at: 3, stream: 'stderr', text: '[conform: 5 lines not kept; the first 2 and the last 3 are]' }
    expect(capture.lines()).toEqual([
      { at: 1, stream: 'stdout', text: 'line 1' },
      { at: 2, stream: 'stdout', text: 'line 2' },
      marker,
      { at: 8, stream: 'stdout', text: 'line 8' },
      { at: 9, stream: 'stdout', text: 'line 9' },
      { at: 10, stream: 'stdout', text: 'line 10' },
    ])
    expect(capture.between(4, 9)).toEqual([marker, { at: 8, stream: 'stdout', text: 'line 8' }, { at: 9, stream: 'stdout', text: 'line 9' }])
    expect(capture.between(9, 10).map((l) => l.text)).toEqual(['line 9', 'line 10'])
    expect(capture.last(4).map((l) => l.text)).toEqual(['line 2', 'line 8', 'line 9', 'line 10'])
  })

  it('cuts long lines and says how much was cut', async () => {
    const capture = new OutputCapture({ clock: () => 0, maxLineLength: 5 })
    const stdout = new PassThrough()
    capture.attach(stdout, 'stdout')
    await feed(stdout, ['abc', 'defgh', 'ij\nok\n', 'xyzxyzxyz'])
    expect(capture.lines().map((l) => l.text)).toEqual([
      'abcde [conform: 5 more characters of this line not kept]',
      'ok',
      'xyzxy [conform: 4 more characters of this line not kept]',
    ])
  })

  it('tells subscribers every line, kept or not, until they unsubscribe', async () => {
    const capture = new OutputCapture({ clock: () => 0, headLines: 1, tailLines: 1 })
    const stdout = new PassThrough()
    capture.attach(stdout, 'stdout')
    const seen: string[] = []
    const unsubscribe = capture.subscribe((line) => seen.push(line.text))
    stdout.write('a\nb\nc\n')
    await new Promise((resolve) => setImmediate(resolve))
    unsubscribe()
    await feed(stdout, ['d\n'])
    expect(seen).toEqual(['a', 'b', 'c'])
    expect(capture.lines().map((l) => l.text)).toEqual(['a', '[conform: 2 lines not kept; the first 1 and the last 1 are]', 'd'])
  })

  it('stays bounded under a flood, one huge line without a newline included', async () => {
    const capture = new OutputCapture({ clock: () => 0 })
    const stdout = new PassThrough()
    capture.attach(stdout, 'stdout')
    const megabyteOfLines = `${'x'.repeat(99)}\n`.repeat(10_000)
    let total = 0
    capture.subscribe(() => (total += 1))
    for (let i = 0; i < 40; i += 1) {
      if (!stdout.write(megabyteOfLines)) await once(stdout, 'drain')
    }
    const megabyteNoNewline = 'y'.repeat(1024 * 1024)
    for (let i = 0; i < 10; i += 1) {
      if (!stdout.write(megabyteNoNewline)) await once(stdout, 'drain')
    }
    stdout.end()
    await once(stdout, 'end')
    const lines = capture.lines()
    expect(total).toBe(400_001)
    expect(lines).toHaveLength(200 + 1 + 2000)
    expect(lines[200]?.text).toBe('[conform: 397801 lines not kept; the first 200 and the last 2000 are]')
    expect(lines.at(-1)?.text).toBe(`${'y'.repeat(4096)} [conform: ${10 * 1024 * 1024 - 4096} more characters of this line not kept]`)
    expect(Math.max(...lines.map((l) => l.text.length))).toBeLessThan(4200)
  })
})
