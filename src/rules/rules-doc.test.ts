import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CATALOGUE_VERSION, RULES } from './catalogue.js'
import { renderRulesDoc, RULES_DOC_COMMAND, type BreakingWorker } from './rules-doc.js'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const DOC = `${REPO}docs/rules.md`
const WORKERS = `${REPO}fixtures/workers/`

/** The breaking fixture workers, each with the leading comment of its worker.ts as its bug. */
function breakingWorkers(): BreakingWorker[] {
  return readdirSync(WORKERS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[a-z]+-\d{3}-/.test(entry.name))
    .map((entry) => {
      const source = readFileSync(`${WORKERS}${entry.name}/worker.ts`, 'utf8')
      const comment: string[] = []
      for (const line of source.split('\n')) {
        if (!line.startsWith('//')) break
        comment.push(line.replace(/^\/\/\s?/, ''))
      }
      return {
        folder: entry.name,
        ruleId: entry.name.split('-').slice(0, 2).join('-').toUpperCase(),
        bug: comment.join(' ').replace(/^Breaks [A-Z]+-\d{3}:\s*/, ''),
      }
    })
}

describe('docs/rules.md', () => {
  it(`is up to date with the catalogue and the fixtures (regenerate: ${RULES_DOC_COMMAND})`, () => {
    const rendered = renderRulesDoc({ rules: RULES, catalogueVersion: CATALOGUE_VERSION, breakingWorkers: breakingWorkers() })
    if (process.env.UPDATE_RULES_DOC === '1') writeFileSync(DOC, rendered)
    let committed = ''
    try {
      committed = readFileSync(DOC, 'utf8')
    } catch {
      // Missing: reported as stale below.
    }
    expect(committed, `docs/rules.md is stale; regenerate it with: ${RULES_DOC_COMMAND}`).toBe(rendered)
  })

  it('lists every rule once, and a breaking worker for every MUST rule', () => {
    const rendered = renderRulesDoc({ rules: RULES, catalogueVersion: CATALOGUE_VERSION, breakingWorkers: breakingWorkers() })
    for (const rule of RULES) expect(rendered.split('\n').filter((line) => line === `## ${rule.id}`)).toHaveLength(1)
    expect(rendered).not.toContain('| (none) |')
  })
})
