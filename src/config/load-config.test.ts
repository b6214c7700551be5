import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isConformError, type ConformErrorCode } from '../errors/conform-error.js'
import { loadWorkerConfig } from './load-config.js'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'conform-config-'))
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(root, { recursive: true, force: true })
})

/** Writes `files` into a fresh worker folder under the temp root and returns its path. */
async function workerFolder(name: string, files: Record<string, string>): Promise<string> {
  const folder = join(root, name)
  await mkdir(folder, { recursive: true })
  for (const [file, content] of Object.entries(files)) await writeFile(join(folder, file), content)
  return folder
}

async function expectConformError(promise: Promise<unknown>, code: ConformErrorCode, message: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isConformError(error)) throw new Error(`expected a ConformError, got ${String(error)}`, { cause: error })
  expect({ code: error.code, message: error.message }).toEqual({ code, message })
}

const MINIMAL = { command: ['python3', 'worker.py'], actionType: { category: 'Build', provider: 'MyProvider', version: '1' } }
const DEFAULTS = { env: {}, profile: 'custom', shutdownGraceMs: 5000, startupTimeoutMs: 15000, jobTimeoutMs: 3000, skip: {}, capabilities: { lacks: [] }, minPollIntervalMs: 200, concurrency: 1 }
const WITH_DEFAULTS = { ...DEFAULTS, command: MINIMAL.command, actionType: { ...MINIMAL.actionType, owner: 'Custom' } }

describe('loadWorkerConfig: the forms a config takes', () => {
  it('reads conform.config.json and applies the defaults', async () => {
    const folder = await workerFolder('json', { 'conform.config.json': JSON.stringify(MINIMAL) })
    expect(await loadWorkerConfig(folder)).toEqual({ config: WITH_DEFAULTS, source: join(folder, 'conform.config.json'), workerDir: folder })
  })

  it('keeps every field that is given', async () => {
    const full = {
      command: 'python3 worker.py --verbose',
      actionType: { category: 'Deploy', owner: 'ThirdParty', provider: 'My_Provider-2', version: 'v1' },
      env: { POLL_INTERVAL_MS: '200' },
      profile: 'third-party',
      shutdownGraceMs: 0,
      startupTimeoutMs: 1000,
      jobTimeoutMs: 500,
      skip: { 'SEC-003': 'we never read encrypted artifacts' },
      capabilities: { lacks: ['continuation', 'partner-jobs'] },
      minPollIntervalMs: 1000,
      concurrency: 4,
      secretConfiguration: ['ApiToken', 'Password'],
    }
    const folder = await workerFolder('full', { 'conform.config.json': JSON.stringify(full) })
    expect((await loadWorkerConfig(folder)).config).toEqual(full)
  })

  it('reads the "conform" key of package.json', async () => {
    const folder = await workerFolder('pkg', { 'package.json': JSON.stringify({ name: 'my-worker', conform: MINIMAL }) })
    expect(await loadWorkerConfig(folder)).toEqual({ config: WITH_DEFAULTS, source: join(folder, 'package.json'), workerDir: folder })
  })

  it('imports the default export of conform.config.mjs', async () => {
    const folder = await workerFolder('mjs', { 'conform.config.mjs': `export default ${JSON.stringify(MINIMAL)}\n` })
    expect(await loadWorkerConfig(folder)).toEqual({ config: WITH_DEFAULTS, source: join(folder, 'conform.config.mjs'), workerDir: folder })
  })

  it('imports a CommonJS conform.config.js (module.exports)', async () => {
    const folder = await workerFolder('cjs', { 'conform.config.js': `module.exports = ${JSON.stringify(MINIMAL)}\n` })
    expect((await loadWorkerConfig(folder)).config).toEqual(WITH_DEFAULTS)
  })

  it('imports conform.config.ts through tsx, types and all', async () => {
    const source = `interface Input { command: string[] }\nconst base: Input = { command: ['python3', 'worker.py'] }\nexport default { ...base, actionType: ${JSON.stringify(MINIMAL.actionType)} }\n`
    const folder = await workerFolder('ts', { 'conform.config.ts': source })
    expect(await loadWorkerConfig(folder)).toEqual({ config: WITH_DEFAULTS, source: join(folder, 'conform.config.ts'), workerDir: folder })
  })

  it('imports conform.config.ts in a "type": "module" package', async () => {
    const folder = await workerFolder('ts-esm', {
      'package.json': '{"type": "module"}',
      'conform.config.ts': `const config: Record<string, unknown> = ${JSON.stringify(MINIMAL)}\nexport default config\n`,
    })
    expect((await loadWorkerConfig(folder)).config).toEqual(WITH_DEFAULTS)
  })

  it('takes the first config file found: .json before .ts before package.json', async () => {
    const folder = await workerFolder('several', {
      'conform.config.json': JSON.stringify(MINIMAL),
      'conform.config.ts': 'export default {}\n',
      'package.json': JSON.stringify({ conform: {} }),
    })
    expect((await loadWorkerConfig(folder)).source).toBe(join(folder, 'conform.config.json'))
  })

  it('accepts the path of a config file itself; its folder is the worker folder', async () => {
    const folder = await workerFolder('direct', { 'conform.config.json': JSON.stringify(MINIMAL) })
    expect(await loadWorkerConfig(join(folder, 'conform.config.json'))).toMatchObject({ source: join(folder, 'conform.config.json'), workerDir: folder })
  })
})

describe('loadWorkerConfig: errors, each one paragraph with the fix', () => {
  it('CONFORM_WORKER_PATH_NOT_FOUND for a path that does not exist', async () => {
    await expectConformError(
      loadWorkerConfig('./no-such-worker'),
      'CONFORM_WORKER_PATH_NOT_FOUND',
      "conform: worker path `./no-such-worker` does not exist. Pass the folder that holds your worker's conform.config.json, e.g. `npx conform ./my-worker`.",
    )
  })

  it('CONFORM_CONFIG_NOT_FOUND for a folder without a config (a package.json without the key does not count)', async () => {
    const folder = await workerFolder('empty', { 'package.json': '{"name": "w"}' })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_NOT_FOUND',
      `conform: no worker config in ${folder}: looked for conform.config.json, conform.config.ts, conform.config.mjs, conform.config.js and a "conform" key in package.json. ` +
        `Create ${join(folder, 'conform.config.json')}, for example {"command": ["python3", "worker.py"], "actionType": {"category": "Build", "provider": "MyProvider", "version": "1"}} (the format is in the worker contract, section 2).`,
    )
  })

  it('CONFORM_CONFIG_NOT_FOUND for a file that is neither a config nor a module', async () => {
    const folder = await workerFolder('script', { 'worker.py': 'print(1)\n' })
    await expectConformError(
      loadWorkerConfig(join(folder, 'worker.py')),
      'CONFORM_CONFIG_NOT_FOUND',
      `conform: worker path \`${join(folder, 'worker.py')}\` is a file, but neither a worker folder nor a JS/TS module. Pass the folder that holds your worker's conform.config.json, e.g. \`npx conform ${folder}\`, or a module exporting run({ signal }) to run it in-process.`,
    )
  })

  it('reads an in-process worker module: its action type and env, with defaults', async () => {
    const folder = await workerFolder('module', {
      'worker.ts': "export const actionType = { category: 'Build', provider: 'InProc', version: '2' }\nexport const env = { POLL_INTERVAL_MS: '5' }\nexport async function run(_: { signal: AbortSignal }) {}\n",
    })
    const loaded = await loadWorkerConfig(join(folder, 'worker.ts'))
    expect(loaded.modulePath).toBe(join(folder, 'worker.ts'))
    expect(loaded.config).toEqual({ ...DEFAULTS, command: [join(folder, 'worker.ts')], actionType: { category: 'Build', owner: 'Custom', provider: 'InProc', version: '2' }, env: { POLL_INTERVAL_MS: '5' } })
  })

  it('CONFORM_CONFIG_INVALID for a module without run, and for one without a valid actionType', async () => {
    const folder = await workerFolder('bad-module', { 'no-run.mjs': 'export const actionType = {}\n', 'no-type.mjs': 'export async function run() {}\n' })
    await expectConformError(
      loadWorkerConfig(join(folder, 'no-run.mjs')),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder, 'no-run.mjs')} is not an in-process worker: it exports no run function. Export \`async function run({ signal })\` (your poll loop, stopping when signal aborts) and \`actionType\`, or pass the worker's folder with its conform.config.json instead.`,
    )
    await expect(loadWorkerConfig(join(folder, 'no-type.mjs'))).rejects.toThrow(`conform: the in-process worker ${join(folder, 'no-type.mjs')} is invalid: field "actionType" is missing`)
  })

  it('CONFORM_CONFIG_UNREADABLE for JSON that does not parse, with line and column', async () => {
    const folder = await workerFolder('bad-json', { 'conform.config.json': '{\n  "command": ["node"]\n  "actionType": {}\n}\n' })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_UNREADABLE',
      `conform: ${join(folder, 'conform.config.json')} is not valid JSON: Expected ',' or '}' after property value at line 3, column 3. Fix the syntax there (JSON allows no comments and no trailing commas).`,
    )
  })

  it('CONFORM_CONFIG_UNREADABLE without a location when the parser gives none, and without echoing the file', async () => {
    const folder = await workerFolder('token', { 'conform.config.json': '{\n  "command": ["node"],\n  "actionType" {}\n}\n' })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_UNREADABLE',
      `conform: ${join(folder, 'conform.config.json')} is not valid JSON: Unexpected token '{'. Fix the syntax (JSON allows no comments and no trailing commas).`,
    )
  })

  it('CONFORM_CONFIG_UNREADABLE for an empty JSON file, pointing at its end', async () => {
    const folder = await workerFolder('empty-json', { 'conform.config.json': '' })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_UNREADABLE',
      `conform: ${join(folder, 'conform.config.json')} is not valid JSON: Unexpected end of input at line 1, column 1. Fix the syntax there (JSON allows no comments and no trailing commas).`,
    )
  })

  it('CONFORM_CONFIG_UNREADABLE for a package.json that does not parse', async () => {
    const folder = await workerFolder('bad-pkg', { 'package.json': '{"name": "w",}' })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_UNREADABLE',
      `conform: ${join(folder, 'package.json')} is not valid JSON: Expected double-quoted property name at line 1, column 14. Fix the syntax there (JSON allows no comments and no trailing commas).`,
    )
  })

  it('CONFORM_CONFIG_UNREADABLE for a config module that throws while loading', async () => {
    const folder = await workerFolder('throws', { 'conform.config.mjs': 'throw new Error("no config today")\n' })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_UNREADABLE',
      `conform: could not load ${join(folder, 'conform.config.mjs')}: no config today. Fix the error in that file.`,
    )
  })

  it('CONFORM_CONFIG_INVALID for a config module without a default export', async () => {
    const folder = await workerFolder('no-default', { 'conform.config.mjs': 'export const config = {}\n' })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder, 'conform.config.mjs')} is invalid: it has no default export. Export the config as the default, e.g. \`export default defineConfig({ command: [...], actionType: {...} })\`.`,
    )
  })

  it('CONFORM_CONFIG_INVALID names one bad field, what it must be and the value found, relative to the cwd', async () => {
    vi.spyOn(process, 'cwd').mockReturnValue(root)
    const folder = await workerFolder('x', { 'conform.config.json': JSON.stringify({ ...MINIMAL, actionType: { ...MINIMAL.actionType, provider: 'My Provider' } }) })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_INVALID',
      'conform: x/conform.config.json is invalid: field "actionType.provider" must match [0-9A-Za-z_-]{1,35} (got "My Provider"). Fix that field; the format is in the worker contract, section 2.',
    )
  })

  it('CONFORM_CONFIG_INVALID lists every bad field in one paragraph, typos with a suggestion', async () => {
    const config = {
      comand: ['node', 'worker.js'],
      actionType: { category: 'Builds', provider: 'P', version: '1234567890', ownr: 'Custom' },
      env: { POLL_INTERVAL_MS: 200 },
      profile: 'Custom',
      shutdownGraceMs: -1,
      jobTimeoutMs: 1.5,
      skip: { 'sec-3': 'lowercase', 'SEC-003': ' ' },
    }
    const folder = await workerFolder('many', { 'conform.config.json': JSON.stringify(config) })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder, 'conform.config.json')} is invalid: ` +
        'field "command" is missing; it must be a non-empty argv array of non-empty strings, such as ["python3", "worker.py"], or a non-empty shell command string; ' +
        'field "actionType.category" must be one of Source, Build, Deploy, Test, Invoke, Approval, Compute (got "Builds"); ' +
        'field "actionType.version" must match [0-9A-Za-z_-]{1,9} (got "1234567890"); ' +
        'field "actionType.ownr" is not a known field (did you mean "owner"?); ' +
        'field "env.POLL_INTERVAL_MS" must be a string (write numbers and booleans in quotes, e.g. "200") (got 200); ' +
        'field "profile" must be "custom" or "third-party" (got "Custom"); ' +
        'field "shutdownGraceMs" must be a whole number of milliseconds from 0 to 2147483647 (got -1); ' +
        'field "jobTimeoutMs" must be a whole number of milliseconds from 1 to 2147483647 (got 1.5); ' +
        'key "sec-3" in field "skip" must be a rule id such as SEC-003 (pattern ^[A-Z]+-[0-9]{3}$); ' +
        'field "skip.SEC-003" must be a non-empty reason, saying why the rule does not apply to this worker (got " "); ' +
        'field "comand" is not a known field (did you mean "command"?). ' +
        'Fix those fields; the format is in the worker contract, section 2.',
    )
  })

  it('CONFORM_CONFIG_INVALID names a capability that does not exist, a repeated one, and a typo in capabilities', async () => {
    const unknown = await workerFolder('cap-unknown', { 'conform.config.json': JSON.stringify({ ...MINIMAL, capabilities: { lacks: ['continuations'] } }) })
    await expectConformError(
      loadWorkerConfig(unknown),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(unknown, 'conform.config.json')} is invalid: field "capabilities.lacks.0" must be one of artifacts, output-artifacts, encryption, continuation, output-variables, partner-jobs, concurrency, replicas, secret-configuration (got "continuations"). Fix that field; the format is in the worker contract, section 2.`,
    )
    const twice = await workerFolder('cap-twice', { 'conform.config.json': JSON.stringify({ ...MINIMAL, capabilities: { lacks: ['artifacts', 'artifacts'] } }) })
    await expectConformError(
      loadWorkerConfig(twice),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(twice, 'conform.config.json')} is invalid: field "capabilities.lacks" must not name a capability twice (got ["artifacts","artifacts"]). Fix that field; the format is in the worker contract, section 2.`,
    )
    const typo = await workerFolder('cap-typo', { 'conform.config.json': JSON.stringify({ ...MINIMAL, capabilities: { lack: ['artifacts'] } }) })
    await expectConformError(
      loadWorkerConfig(typo),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(typo, 'conform.config.json')} is invalid: field "capabilities.lack" is not a known field (did you mean "lacks"?). Fix that field; the format is in the worker contract, section 2.`,
    )
  })

  it('CONFORM_CONFIG_INVALID names the poll interval and concurrency fields with their ranges', async () => {
    const config = { ...MINIMAL, minPollIntervalMs: '200', concurrency: 0 }
    const folder = await workerFolder('limits', { 'conform.config.json': JSON.stringify(config) })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder, 'conform.config.json')} is invalid: ` +
        'field "minPollIntervalMs" must be a whole number of milliseconds from 0 to 2147483647 (got "200"); ' +
        'field "concurrency" must be a whole number from 1 to 64 (jobs the worker works at once: acknowledged and not yet reported) (got 0). ' +
        'Fix those fields; the format is in the worker contract, section 2.',
    )
  })

  it('CONFORM_CONFIG_INVALID for secretConfiguration that names no key, or not a configuration key', async () => {
    const empty = await workerFolder('secret-empty', { 'conform.config.json': JSON.stringify({ ...MINIMAL, secretConfiguration: [] }) })
    await expectConformError(
      loadWorkerConfig(empty),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(empty, 'conform.config.json')} is invalid: field "secretConfiguration" must name at least one key (leave the field out if no configuration value is secret) (got []). Fix that field; the format is in the worker contract, section 2.`,
    )
    const bad = await workerFolder('secret-bad', { 'conform.config.json': JSON.stringify({ ...MINIMAL, secretConfiguration: ['api token'] }) })
    await expectConformError(
      loadWorkerConfig(bad),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(bad, 'conform.config.json')} is invalid: field "secretConfiguration.0" must be an action configuration key: 1 to 50 of [A-Za-z0-9_] starting with a letter, e.g. "ApiToken" (got "api token"). Fix that field; the format is in the worker contract, section 2.`,
    )
  })

  it('CONFORM_CONFIG_INVALID for an empty command array and a wrong-typed actionType', async () => {
    const folder = await workerFolder('types', { 'conform.config.json': JSON.stringify({ command: [], actionType: 'Build/MyProvider/1' }) })
    const folder2 = await workerFolder('element', { 'conform.config.json': JSON.stringify({ ...MINIMAL, command: ['python3', ''] }) })
    await expectConformError(
      loadWorkerConfig(folder2),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder2, 'conform.config.json')} is invalid: field "command.1" must be a non-empty string (each element of the argv array) (got ""). Fix that field; the format is in the worker contract, section 2.`,
    )
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder, 'conform.config.json')} is invalid: ` +
        'field "command" must be a non-empty argv array of non-empty strings, such as ["python3", "worker.py"], or a non-empty shell command string (got []); ' +
        'field "actionType" must be an object with category, provider and version (owner is optional) (got "Build/MyProvider/1"). ' +
        'Fix those fields; the format is in the worker contract, section 2.',
    )
  })

  it('CONFORM_CONFIG_INVALID names package.json fields under the "conform" key', async () => {
    const folder = await workerFolder('pkg-bad', { 'package.json': JSON.stringify({ conform: { ...MINIMAL, profile: 'aws' } }) })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder, 'package.json')} is invalid: field "conform.profile" must be "custom" or "third-party" (got "aws"). Fix that field; the format is in the worker contract, section 2.`,
    )
  })

  it('CONFORM_CONFIG_INVALID for a config that is not an object', async () => {
    const folder = await workerFolder('array', { 'conform.config.json': '["python3", "worker.py"]' })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder, 'conform.config.json')} is invalid: the config must be an object with at least "command" and "actionType" (got ["python3","worker.py"]). Fix the file; the format is in the worker contract, section 2.`,
    )
  })

  it('CONFORM_CONFIG_INVALID when env sets a variable conform owns, without echoing its value', async () => {
    const env = { AWS_PROFILE: 'prod', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', LOG_LEVEL: 'debug' }
    const folder = await workerFolder('env', { 'conform.config.json': JSON.stringify({ ...MINIMAL, env }) })
    await expectConformError(
      loadWorkerConfig(folder),
      'CONFORM_CONFIG_INVALID',
      `conform: ${join(folder, 'conform.config.json')} is invalid: ` +
        'field "env.AWS_PROFILE" must be removed: AWS_PROFILE can point an AWS SDK at real credentials or a real endpoint, so conform never passes it to the worker; ' +
        'field "env.AWS_SECRET_ACCESS_KEY" must be removed: conform sets AWS_SECRET_ACCESS_KEY itself so the worker talks only to the fake service (worker contract, section 3). ' +
        'Fix those fields; the format is in the worker contract, section 2.',
    )
  })
})
