import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderHtml } from '../../src/report/html-report.js'
import type { Results } from '../../src/report/results.js'
import { HOSTILE_PAYLOADS, hostileResults, largeResults } from '../support/sample-results.js'

/**
 * report.html in a real browser (Debian's Chromium, driven by playwright-core):
 * hostile worker text stays inert and literal, the page fetches nothing, a
 * failure opens from the keyboard, and it reads at laptop and phone widths.
 * CI installs Chromium (.ci/run); elsewhere the file is skipped without it.
 */
const CHROMIUM = process.env.CONFORM_CHROMIUM ?? '/usr/bin/chromium'
const available = existsSync(CHROMIUM)
if (!available && process.env.CI) throw new Error(`conform's browser tests need Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`)

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
/** The part of HTMLDetailsElement the tests use (the project's tsconfig has no DOM lib). */
interface Details {
  open: boolean
}

/** The parts of the DOM the diagram test measures. */
interface Rect {
  x: number
  width: number
  right: number
}
interface ScrollBox {
  scrollWidth: number
  clientWidth: number
  scrollLeft: number
  getAttribute(name: string): string | null
  getBoundingClientRect(): Rect
  querySelector(selector: string): unknown
}
interface Svg {
  viewBox: { baseVal: { width: number } }
  getBoundingClientRect(): Rect
  querySelectorAll(selector: string): Iterable<{ textContent: string | null; getBBox(): Rect }>
}

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const

let dir: string
/** Screenshots for a person to look at; kept (and their folder printed) with CONFORM_KEEP_SCREENSHOTS=1. */
let shots: string
const KEEP_SCREENSHOTS = process.env.CONFORM_KEEP_SCREENSHOTS === '1'
let context: BrowserContext

async function openReport(results: Results, name: string, viewport: { width: number; height: number }) {
  const file = join(dir, `${name}.html`)
  await writeFile(file, renderHtml(results))
  const url = pathToFileURL(file).href
  const page = await context.newPage()
  await page.setViewportSize(viewport)
  const requests: string[] = []
  const dialogs: string[] = []
  const errors: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url, { waitUntil: 'load' })
  return { page, url, requests, dialogs, errors }
}

/** Presses Tab until the focused element matches `selector`, as a keyboard user would reach it. */
async function tabTo(page: Page, selector: string, limit = 60): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return presses
  }
  throw new Error(`Tab never reached ${selector} in ${limit} presses`)
}

describe.skipIf(!available)('report.html in Chromium', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conform-browser-'))
    shots = join(dir, 'screenshots')
    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS })
  })
  afterAll(async () => {
    await context?.close()
    if (KEEP_SCREENSHOTS) process.stderr.write(`report.html screenshots kept in ${shots}\n`)
    else await rm(dir, { recursive: true, force: true })
  })

  it('runs none of the worker-controlled markup, shows it literally, and fetches nothing', async () => {
    const { page, url, requests, dialogs, errors } = await openReport(hostileResults(), 'hostile', VIEWPORTS.desktop)
    await page.locator('details.rule-detail > summary').first().click()
    await page.locator('table.calls details > summary').first().click()
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined')
    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
    expect(requests).toEqual([url])
    const text = await page.locator('body').innerText()
    for (const payload of HOSTILE_PAYLOADS) expect(text).toContain(payload)
    expect(await page.locator('img, iframe, object, embed').count()).toBe(0)
    // The one svg is the template's sequence diagram; the hostile "<svg onload>" is text inside it and elsewhere.
    expect(await page.locator('svg').evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('class')))).toEqual(['sequence'])
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
    expect(hrefs.filter((href) => !href.startsWith('#') && !href.startsWith('https://'))).toEqual([])
    await page.screenshot({ path: join(shots, 'hostile-1280.png'), fullPage: true })
    await page.close()
  })

  it('opens a failing rule from the keyboard, with a copy button beside the replay command', async () => {
    const { page } = await openReport(hostileResults(), 'keyboard', VIEWPORTS.desktop)
    const detail = page.locator('#rule-ack-001 + tr details.rule-detail')
    expect(await detail.evaluate((el) => (el as unknown as Details).open)).toBe(false)
    await tabTo(page, 'details.rule-detail > summary')
    await page.keyboard.press('Enter')
    expect(await detail.evaluate((el) => (el as unknown as Details).open)).toBe(true)
    const copy = page.getByRole('button', { name: 'Copy the replay command for ACK-001' })
    expect(await copy.isVisible()).toBe(true)
    expect(await page.locator('#replay-rule-ack-001').innerText()).toContain('npx conform ./workers --rule ACK-001 --seed 1234 --replay 17:0:0')
    await page.close()
  })

  it('filters the rules by verdict and level, saying how many are shown, and shows every row without script', async () => {
    const { page } = await openReport(hostileResults(), 'filters', VIEWPORTS.desktop)
    const visibleRules = () => page.locator('table.rules > tbody > tr[data-verdict]:not(.detail-row)').evaluateAll((rows) => rows.filter((row) => (row as unknown as { offsetParent: unknown }).offsetParent !== null).map((row) => row.id))
    expect(await visibleRules()).toEqual(['rule-ack-001', 'rule-nonce-001', 'rule-result-001', 'rule-cont-001'])
    expect(await page.locator('#filter-status').innerText()).toBe('Showing all 4 rules.')
    await page.getByLabel('PASS (1)').uncheck()
    await page.getByLabel('SHOULD').uncheck()
    expect(await visibleRules()).toEqual(['rule-ack-001', 'rule-result-001'])
    expect(await page.locator('#filter-status').innerText()).toBe('Showing 2 of 4 rules.')
    await page.getByLabel('FAIL (1)').uncheck()
    // The failure's detail row goes with it.
    expect(await page.locator('#rule-ack-001 + tr.detail-row').isVisible()).toBe(false)
    await page.close()
    const noScript = await context.newPage()
    await noScript.route('**/*', (route) => route.continue())
    const file = join(dir, 'noscript.html')
    await writeFile(file, renderHtml(hostileResults()).replace(/<script>[\s\S]*?<\/script>/, ''))
    await noScript.goto(pathToFileURL(file).href)
    expect(await noScript.locator('table.rules > tbody > tr[data-verdict]:not(.detail-row)').evaluateAll((rows) => rows.filter((row) => (row as unknown as { offsetParent: unknown }).offsetParent !== null).length)).toBe(4)
    // The filter controls need the script, so without it they stay out of the way.
    expect(await noScript.locator('form[data-filters]').isVisible()).toBe(false)
    await noScript.close()
  })

  it('keeps the sequence diagram readable at 390 px: near its drawn size, scrolling sideways in a labelled region, never widening the page', async () => {
    const { page } = await openReport(hostileResults(), 'sequence-phone', VIEWPORTS.phone)
    await page.getByRole('button', { name: 'Expand all failures' }).click()
    const region = page.getByRole('region', { name: 'Sequence of calls' }).first()
    await region.scrollIntoViewIfNeeded()
    await region.screenshot({ path: join(shots, 'sequence-390.png') })
    const measured = await region.evaluate((el) => {
      const wrap = el as unknown as ScrollBox
      const svg = wrap.querySelector('svg') as unknown as Svg
      const viewBox = svg.viewBox.baseVal
      const outside = Array.from(svg.querySelectorAll('text'))
        .map((text) => ({ text: text.textContent ?? '', box: text.getBBox() }))
        .filter(({ box }) => box.x < 0 || box.x + box.width > viewBox.width)
        .map(({ text }) => text)
      return {
        viewportWidth: (globalThis as unknown as { innerWidth: number }).innerWidth,
        regionRight: wrap.getBoundingClientRect().right,
        scrolls: wrap.scrollWidth > wrap.clientWidth,
        overflowX: (globalThis as unknown as { getComputedStyle(e: unknown): { overflowX: string } }).getComputedStyle(wrap).overflowX,
        scale: svg.getBoundingClientRect().width / viewBox.width,
        outside,
        focusable: wrap.getAttribute('tabindex'),
      }
    })
    // The region stays inside the screen and scrolls the diagram instead; labels keep at least 90% of their 12 px.
    expect(measured.regionRight).toBeLessThanOrEqual(measured.viewportWidth)
    expect([measured.scrolls, measured.overflowX, measured.focusable]).toEqual([true, 'auto', '0'])
    expect(measured.scale).toBeGreaterThanOrEqual(0.9)
    // No label runs past the drawing's edges, where the scroll would cut it.
    expect(measured.outside).toEqual([])
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0)
    expect(await page.getByText('The diagram scrolls sideways').first().isVisible()).toBe(true)
    // A keyboard user scrolls it: the region takes focus and the arrow keys move it.
    await region.focus()
    await page.keyboard.press('End')
    for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight')
    // Chromium scrolls smoothly: the offset arrives over a few frames, later still on a loaded machine.
    await page.waitForFunction((el) => (el as unknown as ScrollBox).scrollLeft > 0, await region.elementHandle(), { timeout: 10_000 })
    expect(await region.evaluate((el) => (el as unknown as ScrollBox).scrollLeft)).toBeGreaterThan(0)
    await region.screenshot({ path: join(shots, 'sequence-390-scrolled.png') })
    await page.close()
  })

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`reads at ${viewport.width}x${viewport.height}: nothing wider than the screen`, async () => {
      const results = hostileResults()
      const big = largeResults({ rules: 2, calls: 120, lines: 400, bodyChars: 200 })
      results.rules.push(...big.rules)
      const { page } = await openReport(results, `layout-${name}`, viewport)
      await page.screenshot({ path: join(shots, `report-${viewport.width}.png`) })
      await page.getByRole('button', { name: 'Expand all failures' }).click()
      await page.locator('table.calls details').first().evaluate((el) => ((el as unknown as Details).open = true))
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')
      await page.screenshot({ path: join(shots, `report-${viewport.width}-full.png`), fullPage: true })
      await page.locator('#rule-ack-001 + tr details.rule-detail').screenshot({ path: join(shots, `report-${viewport.width}-detail.png`) })
      expect(overflow).toBe(0)
      await page.close()
    })
  }
})
