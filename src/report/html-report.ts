import { Eta, type TemplateFunction } from 'eta'
import { REPORT_TEMPLATE } from './html-template.js'
import { htmlView } from './html-view.js'
import type { Results } from './results.js'

// autoEscape is Eta's default; set explicitly because the report shows
// worker-controlled text and must never depend on a default.
const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], cache: false })
let compiled: TemplateFunction | undefined

/**
 * report.html: one self-contained file (inline style, a few lines of script,
 * nothing fetched) for a person reading a failure, laptop or phone.
 *
 * @example
 * await writeFile('report.html', renderHtml(results))
 */
export function renderHtml(results: Results): string {
  // Compiled on first use, not at import, so importing the reports costs nothing for runs that never write HTML.
  compiled ??= eta.compile(REPORT_TEMPLATE)
  return eta.render(compiled, htmlView(results))
}
