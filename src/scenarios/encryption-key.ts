import fc from 'fast-check'

/** The job's `encryptionKey` (model shape EncryptionKey): a KMS key the worker must name when it uploads outputs. */
export interface EncryptionKey {
  id: string
  type: 'KMS'
}

const aliasName = (): fc.Arbitrary<string> => fc.stringMatching(/^[a-zA-Z0-9/_-]{1,40}$/).filter((name) => !name.startsWith('aws/'))

/**
 * The three forms CodePipeline documents for `encryptionKey.id`: a key id, a
 * key ARN and an alias ARN. The ARNs are completed with the job's account and
 * region, as the pipeline's artifact store would name them.
 */
export const encryptionKeyArbitrary = (): fc.Arbitrary<(accountId: string, region: string) => EncryptionKey> =>
  fc.oneof(
    fc.uuid({ version: 4 }).map((key) => () => ({ id: key, type: 'KMS' }) as const),
    fc.uuid({ version: 4 }).map((key) => (accountId: string, region: string) => ({ id: `arn:aws:kms:${region}:${accountId}:key/${key}`, type: 'KMS' }) as const),
    aliasName().map((alias) => (accountId: string, region: string) => ({ id: `arn:aws:kms:${region}:${accountId}:alias/${alias}`, type: 'KMS' }) as const),
  )

/** Whether a rule's jobs carry an encryption key: always, never, or either (the default). */
export type EncryptionKeyPresence = 'always' | 'never' | 'any'

export const optionalEncryptionKeyArbitrary = (
  presence: EncryptionKeyPresence,
): fc.Arbitrary<((accountId: string, region: string) => EncryptionKey) | undefined> => {
  if (presence === 'never') return fc.constant(undefined)
  if (presence === 'always') return encryptionKeyArbitrary()
  return fc.option(encryptionKeyArbitrary(), { nil: undefined, freq: 2 })
}
