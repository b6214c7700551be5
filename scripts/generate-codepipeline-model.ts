/**
 * Derives conform's CodePipeline model from botocore's service model, the one
 * with every constraint AWS validates against. Keeps the operations (input,
 * output and error shape names) and, for every shape, what validation and
 * response checking need; drops the documentation. Key order is fixed, so a
 * regeneration from the same botocore gives the same bytes.
 *
 *   node --import tsx scripts/generate-codepipeline-model.ts
 *
 * Reads `data/codepipeline/2015-07-09/service-2.json.gz` from the botocore
 * that `python3` imports; writes `src/service/model/codepipeline-model.json`.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'

const SOURCE = 'data/codepipeline/2015-07-09/service-2.json.gz'
const TARGET = fileURLToPath(new URL('../src/service/model/codepipeline-model.json', import.meta.url))

type Json = Record<string, unknown>
interface ShapeRef {
  shape: string
}
interface BotocoreShape {
  type: string
  members?: Record<string, ShapeRef>
  required?: string[]
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
  member?: ShapeRef
  key?: ShapeRef
  value?: ShapeRef
  exception?: boolean
  sensitive?: boolean
}
interface BotocoreOperation {
  name: string
  input?: ShapeRef
  output?: ShapeRef
  errors?: ShapeRef[]
}
interface BotocoreModel {
  metadata: Json
  operations: Record<string, BotocoreOperation>
  shapes: Record<string, BotocoreShape>
}

function botocore(): { dir: string; version: string } {
  const out = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)'], { encoding: 'utf8' })
  const [dir, version] = out.trim().split('\n')
  if (!dir || !version) throw new Error(`generate-codepipeline-model: python3 did not report botocore's folder and version (got ${JSON.stringify(out)})`)
  return { dir, version }
}

const byName = <T>(record: Record<string, T>): [string, T][] => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** Only the keys validation needs, always in this order. */
function keep(shape: BotocoreShape): Json {
  const out: Json = { type: shape.type }
  if (shape.required !== undefined) out.required = [...shape.required]
  if (shape.members !== undefined) out.members = Object.fromEntries(Object.entries(shape.members).map(([name, ref]) => [name, { shape: ref.shape }]))
  if (shape.member !== undefined) out.member = { shape: shape.member.shape }
  if (shape.key !== undefined) out.key = { shape: shape.key.shape }
  if (shape.value !== undefined) out.value = { shape: shape.value.shape }
  if (shape.min !== undefined) out.min = shape.min
  if (shape.max !== undefined) out.max = shape.max
  if (shape.pattern !== undefined) out.pattern = shape.pattern
  if (shape.enum !== undefined) out.enum = [...shape.enum]
  if (shape.exception === true) out.exception = true
  if (shape.sensitive === true) out.sensitive = true
  return out
}

function operation(op: BotocoreOperation): Json {
  const out: Json = {}
  if (op.input) out.input = op.input.shape
  if (op.output) out.output = op.output.shape
  out.errors = (op.errors ?? []).map((e) => e.shape)
  return out
}

const { dir, version } = botocore()
const sourcePath = join(dir, SOURCE)
const model = JSON.parse(gunzipSync(readFileSync(sourcePath)).toString('utf8')) as BotocoreModel
const metadata = model.metadata
const generated = {
  source: { file: `botocore/${SOURCE}`, botocoreVersion: version, generator: 'scripts/generate-codepipeline-model.ts' },
  metadata: {
    apiVersion: metadata.apiVersion,
    endpointPrefix: metadata.endpointPrefix,
    jsonVersion: metadata.jsonVersion,
    protocol: metadata.protocol,
    signatureVersion: metadata.signatureVersion,
    targetPrefix: metadata.targetPrefix,
  },
  operations: Object.fromEntries(byName(model.operations).map(([name, op]) => [name, operation(op)])),
  shapes: Object.fromEntries(byName(model.shapes).map(([name, shape]) => [name, keep(shape)])),
}
writeFileSync(TARGET, `${JSON.stringify(generated, null, 2)}\n`)
console.log(`wrote ${TARGET} from ${sourcePath} (botocore ${version}): ${Object.keys(generated.operations).length} operations, ${Object.keys(generated.shapes).length} shapes`)
