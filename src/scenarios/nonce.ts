import fc from 'fast-check'

/**
 * Nonces are strings of 1 to 50 characters (model shape `Nonce`). AWS's own
 * sample shows a short counter ("3"); the model allows any printable text, and
 * a worker must echo whatever it got, so both kinds are generated.
 */
export const nonceArbitrary = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat({ max: 9999 }).map((n) => String(n)),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 50 }),
  )
