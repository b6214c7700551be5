import type { ProgressEvent } from '../api/progress-event.js'

interface AreaState {
  rules: string[]
  done: number
  failing: number
  scenarios: number
  /** The rule whose scenario started last in this area, and that scenario's number within the rule. */
  current?: { ruleId: string; scenario: number }
}

const UP_AND_CLEAR = (lines: number): string => (lines > 0 ? `\r\x1b[${lines}A\x1b[0J` : '')

/**
 * The live view on a terminal: one line per area (rules done, scenarios run,
 * the scenario running now), redrawn in place under the ordinary progress
 * lines. Only used when the terminal is rich (a TTY or FORCE_COLOR, without
 * NO_COLOR or CI); elsewhere the CLI prints plain lines.
 */
export class LiveProgress {
  private readonly areas = new Map<string, AreaState>()
  private readonly scenariosOf = new Map<string, number>()
  private drawn = 0
  private finished = false

  constructor(private readonly out: { write(text: string): unknown }) {}

  /** A line that stays: printed above the live block. */
  line(text: string): void {
    if (this.finished) this.out.write(`${text}\n`)
    else this.out.write(`${UP_AND_CLEAR(this.drawn)}${text}\n${this.frame()}`)
  }

  event(event: ProgressEvent): void {
    if (this.finished) return
    if (event.type === 'run-start') {
      for (const rule of event.rules) {
        const area = this.areas.get(rule.area) ?? { rules: [], done: 0, failing: 0, scenarios: 0 }
        area.rules.push(rule.id)
        this.areas.set(rule.area, area)
      }
    } else if (event.type === 'scenario-start') {
      if (event.ruleId === undefined) return
      const area = this.areaOf(event.ruleId)
      const scenario = (this.scenariosOf.get(event.ruleId) ?? 0) + 1
      this.scenariosOf.set(event.ruleId, scenario)
      if (area) {
        area.scenarios += 1
        area.current = { ruleId: event.ruleId, scenario }
      }
    } else {
      const area = this.areas.get(event.area)
      if (area) {
        area.done += 1
        if (event.verdict === 'fail' || event.verdict === 'error') area.failing += 1
        if (area.current?.ruleId === event.ruleId) delete area.current
      }
    }
    this.out.write(`${UP_AND_CLEAR(this.drawn)}${this.frame()}`)
  }

  /** Leaves the last frame on screen as a record of the run. */
  finish(): void {
    this.finished = true
    this.drawn = 0
  }

  private areaOf(ruleId: string): AreaState | undefined {
    for (const area of this.areas.values()) if (area.rules.includes(ruleId)) return area
    return undefined
  }

  private frame(): string {
    if (this.areas.size === 0) {
      this.drawn = 0
      return ''
    }
    const width = Math.max(...[...this.areas.keys()].map((name) => name.length))
    const lines = [...this.areas].map(([name, area]) => {
      const state = area.done === area.rules.length ? 'done' : area.current ? `now ${area.current.ruleId} scenario ${area.current.scenario}` : 'waiting'
      const failing = area.failing > 0 ? `, \x1b[31m${area.failing} failing\x1b[39m` : ''
      return `  ${name.padEnd(width)}  ${area.done}/${area.rules.length} rules, ${area.scenarios} scenarios${failing}  ${state}`
    })
    this.drawn = lines.length
    return `${lines.join('\n')}\n`
  }
}
