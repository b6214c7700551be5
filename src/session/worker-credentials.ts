import { randomBytes } from 'node:crypto'

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/**
 * The worker's own test identity, fresh each run. Shaped like a long-term
 * IAM key (AKIA...) so SDKs accept it; it exists only inside the fake.
 */
export function freshWorkerCredentials(): { accessKeyId: string; secretAccessKey: string } {
  const id = [...randomBytes(16)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')
  return { accessKeyId: `AKIA${id}`, secretAccessKey: randomBytes(30).toString('base64') }
}
