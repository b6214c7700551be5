import { strToU8, zipSync } from 'fflate'
import type { JobSpec } from '../service/jobs/job-spec.js'
import type { ScenarioArtifact } from './artifacts.js'
import type { Scenario } from './scenario.js'
import { zipSlipEntries } from './zip-slip.js'

/** Turns a scenario's described input artifacts into the real zip files the fake S3 will serve. */
export function toJobSpecs(scenario: Scenario): JobSpec[] {
  return scenario.jobs.map((job) => ({ ...job, inputArtifacts: job.inputArtifacts.map(toStoredArtifact) }))
}

function toStoredArtifact(artifact: ScenarioArtifact): JobSpec['inputArtifacts'][number] {
  const { content, ...location } = artifact
  if (!content) return location
  if (content.kind === 'missing') return { ...location, content }
  const described = content.kind === 'zip-slip' ? zipSlipEntries(content.token) : content.files
  const files = Object.fromEntries(Object.entries(described).map(([name, text]) => [name, strToU8(text)]))
  // A fixed mtime keeps the bytes of a replayed scenario identical.
  const bytes = zipSync(files, { mtime: new Date('2020-01-01T00:00:00Z') })
  if (content.kind !== 'corrupt') return { ...location, content: { kind: 'present', bytes } }
  // Cut before the central directory at the end, which every zip reader needs: the archive cannot be opened.
  const keep = Math.min(bytes.length - 22, Math.floor((bytes.length * content.keepPercent) / 100))
  return { ...location, content: { kind: 'present', bytes: bytes.slice(0, Math.max(1, keep)) } }
}
