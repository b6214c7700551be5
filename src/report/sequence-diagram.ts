import type { TraceEntry } from '../service/trace/trace-entry.js'

/**
 * The calls of a counterexample as a sequence diagram: three lifelines
 * (worker, CodePipeline, S3), one arrow per call and a dashed answer back.
 * Only geometry and short labels are computed here; the template draws the
 * SVG with escaped text, so a worker's operation names or error codes can
 * never become markup.
 */
export interface SequenceDiagram {
  width: number
  height: number
  lanes: { x: number; label: string }[]
  /** Top and bottom of the lifelines. */
  top: number
  bottom: number
  steps: SequenceStep[]
  /** Calls not drawn (a long trace draws its first ones), said under the diagram. */
  notDrawn: number
}

export interface SequenceStep {
  y: number
  from: number
  to: number
  /** `#12 PollForJobs` */
  label: string
  /** `200`, `400 InvalidNonceException` */
  answer: string
  ok: boolean
  /** A finding points at this call. */
  flagged: boolean
  /** Where the answer's dashed line runs, under the call. */
  answerY: number
  /** Arrowheads as polygon points (no markers: they would need url() references). */
  callHead: string
  answerHead: string
  /** Where the labels sit: centred between the lifelines. */
  labelX: number
}

const LANE_X = { worker: 70, codepipeline: 330, s3: 560 } as const
const WIDTH = 640
const HEAD = 46
const STEP = 44
/** Enough to show what happened around a failure; the table lists every call. */
export const MAX_DRAWN = 40
const LABEL_CHARS = 38

export function sequenceDiagram(trace: readonly TraceEntry[], flagged: ReadonlySet<number | undefined>): SequenceDiagram {
  const drawn = pickDrawn(trace, flagged)
  const steps = drawn.map((entry, index): SequenceStep => {
    const status = entry.response.status
    const y = HEAD + 20 + index * STEP
    const from = LANE_X.worker
    const to = entry.service === 's3' ? LANE_X.s3 : LANE_X.codepipeline
    const answerY = y + 20
    return {
      y,
      from,
      to,
      answerY,
      callHead: `${to - 9},${y - 5} ${to},${y} ${to - 9},${y + 5}`,
      answerHead: `${from + 9},${answerY - 5} ${from},${answerY} ${from + 9},${answerY + 5}`,
      labelX: (from + to) / 2,
      label: clip(`#${entry.seq} ${entry.operation}`),
      answer: clip(`${status === 0 ? 'no answer' : status}${entry.response.errorType ? ` ${entry.response.errorType}` : ''}${entry.fault ? ` (fault: ${entry.fault})` : ''}`),
      ok: status >= 200 && status < 300,
      flagged: flagged.has(entry.seq),
    }
  })
  const bottom = HEAD + 20 + Math.max(1, steps.length) * STEP
  return {
    width: WIDTH,
    height: bottom + 10,
    lanes: [
      { x: LANE_X.worker, label: 'worker' },
      { x: LANE_X.codepipeline, label: 'CodePipeline' },
      { x: LANE_X.s3, label: 'S3' },
    ],
    top: HEAD,
    bottom,
    steps,
    notDrawn: trace.length - drawn.length,
  }
}

/** The first calls up to the cap, but never without the calls a finding points at. */
function pickDrawn(trace: readonly TraceEntry[], flagged: ReadonlySet<number | undefined>): TraceEntry[] {
  if (trace.length <= MAX_DRAWN) return [...trace]
  const must = trace.filter((entry) => flagged.has(entry.seq)).slice(0, MAX_DRAWN)
  const room = MAX_DRAWN - must.length
  const keep = new Set([...trace.slice(0, room), ...must])
  return trace.filter((entry) => keep.has(entry))
}

function clip(text: string): string {
  return text.length <= LABEL_CHARS ? text : `${text.slice(0, LABEL_CHARS - 1)}…`
}
