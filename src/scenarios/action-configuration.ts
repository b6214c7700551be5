import fc from 'fast-check'

/**
 * The job's `actionConfiguration.configuration` map: keys 1 to 50 characters,
 * values 1 to 1000 (model shapes ActionConfigurationKey / ActionConfigurationValue).
 * Kept to a few entries: the size of the map is not what v0.1's rules probe.
 */
export const actionConfigurationArbitrary = (): fc.Arbitrary<Record<string, string>> =>
  fc.dictionary(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,49}$/),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1000 }),
    { minKeys: 0, maxKeys: 3 },
  )
