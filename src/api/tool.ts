import { readFileSync } from 'node:fs'

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string }

/** The tool's own name and version, as package.json states them. */
export const TOOL = { name: manifest.name, version: manifest.version }
