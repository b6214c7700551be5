import fc from 'fast-check'

/**
 * What the fake S3 holds for an input artifact: a zip of these files; nothing
 * (NoSuchKey); or a zip of these files cut short after `keepPercent` of its
 * bytes, so the download succeeds and the archive cannot be read (ART-003).
 */
export type ArtifactContent =
  | { kind: 'present'; files: Record<string, string> }
  | { kind: 'missing' }
  | { kind: 'corrupt'; files: Record<string, string>; keepPercent: number }
  /** A zip whose entries escape the extraction folder (`../`, absolute paths) toward canary files named by `token` (ART-004). */
  | { kind: 'zip-slip'; token: string }

/** An artifact as a scenario describes it; input contents become a real zip when the job is queued. */
export interface ScenarioArtifact {
  name: string
  bucketName: string
  objectKey: string
  content?: ArtifactContent
}

export type InputPresence = 'present' | 'missing' | 'corrupt' | 'zip-slip' | 'any'

const artifactName = (): fc.Arbitrary<string> => fc.stringMatching(/^[a-zA-Z0-9_-]{1,100}$/)

/** CodePipeline's default artifact store is `codepipeline-<region>-<12 digits>`. */
const bucketName = (region: string): fc.Arbitrary<string> =>
  fc.stringMatching(/^[0-9]{12}$/).map((digits) => `codepipeline-${region}-${digits}`)

/**
 * Object keys look like AWS's `<pipeline>/<artifact>/<7 chars>` (names
 * truncated, see UG-trouble); the last part is replaced by a unique one when
 * the scenario is played, so no two jobs of a session share a key.
 */
export const objectKeyFor = (pipelineName: string, artifactName: string, suffix: string): string =>
  `${pipelineName.slice(0, 20)}/${artifactName.slice(0, 10)}/${suffix}`

const keySuffix = (): fc.Arbitrary<string> => fc.stringMatching(/^[A-Za-z0-9]{7}$/)

const zipFiles = (): fc.Arbitrary<Record<string, string>> =>
  fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}\.(txt|json|sh)$/), fc.string({ maxLength: 200 }), {
    minKeys: 1,
    maxKeys: 3,
  })

const content = (presence: InputPresence): fc.Arbitrary<ArtifactContent> => {
  const present = zipFiles().map((files) => ({ kind: 'present', files }) as const)
  const missing = fc.constant({ kind: 'missing' } as const)
  if (presence === 'corrupt') return fc.record({ files: zipFiles(), keepPercent: fc.integer({ min: 10, max: 90 }) }).map(({ files, keepPercent }) => ({ kind: 'corrupt', files, keepPercent }) as const)
  if (presence === 'zip-slip') return fc.stringMatching(/^[a-z0-9]{16}$/).map((token) => ({ kind: 'zip-slip', token }) as const)
  if (presence === 'present') return present
  if (presence === 'missing') return missing
  return fc.oneof({ weight: 4, arbitrary: present }, { weight: 1, arbitrary: missing })
}

/**
 * Artifacts are generated without their pipeline, then placed under it with
 * `objectKeyFor`: arbitraries are built once, never inside a `chain`, which
 * would rebuild their regular expressions for every value.
 */
export const inputArtifactArbitrary = (region: string, presence: InputPresence): fc.Arbitrary<(pipelineName: string) => ScenarioArtifact> =>
  fc
    .record({ name: artifactName(), bucketName: bucketName(region), suffix: keySuffix(), content: content(presence) })
    .map(({ name, bucketName, suffix, content }) => (pipelineName: string) => ({
      name,
      bucketName,
      objectKey: objectKeyFor(pipelineName, name, suffix),
      content,
    }))

export const outputArtifactArbitrary = (region: string): fc.Arbitrary<(pipelineName: string) => Omit<ScenarioArtifact, 'content'>> =>
  fc
    .record({ name: artifactName(), bucketName: bucketName(region), suffix: keySuffix() })
    .map(({ name, bucketName, suffix }) => (pipelineName: string) => ({ name, bucketName, objectKey: objectKeyFor(pipelineName, name, suffix) }))
