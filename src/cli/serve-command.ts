import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { configFromFlags } from '../config/config-from-flags.js'
import { loadWorkerConfig } from '../config/load-config.js'
import { ConformError } from '../errors/conform-error.js'
import { oneLine } from '../report/safe-text.js'
import { parseJobLifeSetting, type JobLifeSettings } from '../service/jobs/job-life-settings.js'
import type { TraceEntry } from '../service/trace/trace-entry.js'
import { serveFake } from '../session/serve-fake.js'

const port = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('--port must be a port number from 0 to 65535.')
  return n
}

/**
 * `conform serve [worker] [--action-type T] [--port N]`: the fake on its own,
 * until Ctrl-C, printing what to export and how to queue jobs.
 */
export async function serveCommand(argv: string[]): Promise<number> {
  let text = ''
  const program = new Command('conform serve')
    .description('Serve the fake CodePipeline and S3 on 127.0.0.1 until Ctrl-C, to run a worker by hand or under a debugger.')
    .argument('[worker]', "a worker folder whose config names the action type")
    .option('--action-type <type>', 'the action type to queue jobs for, Category/Provider/Version')
    .option('--port <n>', 'port for the fake (default: a free one)', port)
    .option('--set <name=value>', 'a job-life setting, e.g. redispatchAfterMs=2000 (repeatable; see docs/fake-service.md)', collect, [])
    .option('--quiet', 'do not print each call as it arrives')
    .exitOverride()
    .configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) })
  try {
    program.parse(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') {
      process.stdout.write(text)
      return 0
    }
    if (error instanceof CommanderError) throw new ConformError('CONFORM_USAGE', `conform serve: ${error.message.replace(/^error: /, '')} Run \`npx conform serve --help\` for the options.`)
    throw error
  }
  const options = program.opts<{ actionType?: string; port?: number; quiet?: boolean; set: string[] }>()
  const life: Partial<JobLifeSettings> = Object.assign({}, ...options.set.map(parseJobLifeSetting))
  const folder = program.args[0]
  if (folder === undefined && options.actionType === undefined) {
    throw new ConformError('CONFORM_USAGE', 'conform serve: name the action type to queue jobs for: a worker folder (`npx conform serve ./my-worker`) or --action-type Build/MyProvider/1.')
  }
  const { config } = folder !== undefined ? await loadWorkerConfig(folder) : configFromFlags({ command: ['(served by hand)'], env: [], ...(options.actionType ? { actionType: options.actionType } : {}) })
  const region = 'us-east-1'
  const served = await serveFake({
    actionType: config.actionType,
    region,
    jobTimeoutMs: life.jobTimeoutMs ?? config.jobTimeoutMs,
    life,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.quiet ? {} : { onCall: (entry: TraceEntry) => process.stderr.write(`${describe(entry)}\n`) }),
  })
  const { category, owner, provider, version } = config.actionType
  const auth = `-H 'authorization: Bearer ${served.control.token}'`
  process.stdout.write(
    [
      `conform serve: the fake CodePipeline and S3 for ${category}/${owner}/${provider}/${version} listen on ${served.endpoint}`,
      'Point your worker at it (in its environment, or your debugger\'s):',
      `  export AWS_ENDPOINT_URL_CODEPIPELINE=${served.endpoint} AWS_ENDPOINT_URL_S3=${served.endpoint}`,
      `  export AWS_REGION=${region} AWS_DEFAULT_REGION=${region} AWS_EC2_METADATA_DISABLED=true`,
      `  export AWS_ACCESS_KEY_ID=${served.credentials.accessKeyId} AWS_SECRET_ACCESS_KEY='${served.credentials.secretAccessKey}'`,
      'Queue jobs (behaviour: normal, stolen or ack-status; inputs: present or missing), read a job and the trace:',
      `  curl -s ${auth} -d '{"count": 1, "behaviour": "normal", "inputs": "present"}' ${served.control.url}/jobs`,
      `  curl -s ${auth} ${served.control.url}/jobs/<job id>`,
      `Replicas racing (CONC-001): credentials for another instance of the worker, then a job whose dispatch, once claimed, reaches 2 polls:`,
      `  curl -s ${auth} -X POST ${served.control.url}/replicas`,
      `  curl -s ${auth} -d '{"race": 2}' ${served.control.url}/jobs`,
      `  curl -s ${auth} ${served.control.url}/trace`,
      `Job-life settings in force (change with --set name=value, or per job with "life" in the POST /jobs body): ${describeLife(served.life)}`,
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  )
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await served.close()
  return 0
}

function describeLife(life: JobLifeSettings): string {
  return Object.entries(life)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(' ')
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

function describe(entry: TraceEntry): string {
  const answer = entry.response.errorType ? `${entry.response.status} ${entry.response.errorType}` : String(entry.response.status)
  const job = entry.jobId ? ` ${entry.jobId}` : ''
  return oneLine(`  #${entry.seq} ${Math.round(entry.at)} ms ${entry.operation}${job} -> ${answer}`)
}
