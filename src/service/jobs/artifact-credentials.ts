import { randomBytes, randomInt } from 'node:crypto'

/** Temporary S3 credentials handed to a worker with one job (AWSSessionCredentials). */
export interface ArtifactCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+'

function pick(alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)]
  return out
}

/**
 * Random credentials shaped like STS session credentials: `ASIA` + 16 upper-case
 * alphanumerics, a 40-character secret and a long session token. `taken` holds
 * access key ids already in use, so every job gets its own.
 *
 * @example
 * const creds = generateArtifactCredentials(new Set())
 */
export function generateArtifactCredentials(taken: { has(accessKeyId: string): boolean }): ArtifactCredentials {
  let accessKeyId = `ASIA${pick(UPPER_ALNUM, 16)}`
  while (taken.has(accessKeyId)) accessKeyId = `ASIA${pick(UPPER_ALNUM, 16)}`
  return {
    accessKeyId,
    secretAccessKey: pick(SECRET_ALPHABET, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(300).toString('base64')}`,
  }
}
