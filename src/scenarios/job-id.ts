import fc from 'fast-check'

/** Job ids are UUIDs in lower-case hex, the only form the model's JobId pattern accepts. */
export const jobIdArbitrary = (): fc.Arbitrary<string> => fc.uuid({ version: 4 })
