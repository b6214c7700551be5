/**
 * Splits a POSIX shell command line into words: bare words, single-quoted
 * text and backslash escapes, which is all conform's own replay commands use
 * (run-conformance quotes with single quotes). No expansion of any kind.
 */
export function shellWords(line: string): string[] {
  const words: string[] = []
  let word: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end === -1) throw new Error(`unterminated quote in: ${line}`)
      word = (word ?? '') + line.slice(i + 1, end)
      i = end
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[i + 1]
      i += 1
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else {
      word = (word ?? '') + c
    }
  }
  if (word !== undefined) words.push(word)
  return words
}
