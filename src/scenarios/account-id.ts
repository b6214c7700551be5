import fc from 'fast-check'

/** AWS account ids: exactly twelve digits (model shape `AccountId`). */
export const accountIdArbitrary = (): fc.Arbitrary<string> => fc.stringMatching(/^[0-9]{12}$/)
