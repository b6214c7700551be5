import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import { zipSlipTargets } from '../../scenarios/zip-slip.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { describeCall, s3CallsFor, s3ObjectOf } from '../trace-queries.js'

export const ART_004 = defineRule({
  id: 'ART-004',
  area: 'artifacts',
  level: 'MUST',
  title: 'Extract input artifacts inside the workspace (no zip-slip)',
  requirement:
    'A worker MUST treat input artifacts as untrusted: extracting one MUST NOT create or overwrite any file outside its own workspace, whatever the archive\'s entry names (`../` climbs, absolute paths). It SHOULD then report the job as failed.',
  observe:
    "Serves input zips that hold, beside an ordinary file, one entry climbing out with 24 `../` and one absolute entry, both aimed at /tmp/conform-zipslip-<token>/ (climbed.txt, absolute.txt). After the scenario settles the harness looks for those two files on the machine (the places are listed in the evidence as `planted`) and removes the folder; a file found there is a violation. Judged for each job whose zip the worker downloaded.",
  rationale:
    "An archive entry named ../../home/user/.ssh/authorized_keys or /etc/cron.d/x is written wherever the worker's extraction code joins it; a compromised or malicious upstream stage then owns the build host. The Jenkins plugin shipped this bug (fixed in b8582b0).",
  sources: [
    'jenkinsci/aws-codepipeline-plugin commit b8582b0 (zip-slip fix)',
    'https://security.snyk.io/research/zip-slip-vulnerability',
    'protocol-notes section 7, candidate rule 32',
  ],
  since: '0.3.0',
  needs: ['artifacts'],
  scenario: (context) => scenarioArbitrary(context, [{ behaviour: normalBehaviour(), inputs: 'zip-slip' }], { extraJobs: 0 }),
  check: (evidence) =>
    judgeEachJob(
      evidence,
      (jobId) => {
        const job = evidence.scenario.jobs.find((j) => j.id === jobId)
        const slips = (job?.inputArtifacts ?? []).flatMap((a) => (a.content?.kind === 'zip-slip' ? [{ where: `${a.bucketName}/${a.objectKey}`, token: a.content.token }] : []))
        if (slips.length === 0) return { exercised: false, findings: [] }
        const downloads = s3CallsFor(evidence.trace, jobId).filter((c) => c.operation === 'GetObject' && c.response.status === 200)
        const findings = slips.flatMap(({ where, token }) => {
          const download = downloads.find((c) => `${s3ObjectOf(c).bucket}/${s3ObjectOf(c).key}` === where)
          const escaped = (evidence.planted ?? []).filter((p) => p.exists && zipSlipTargets(token).includes(p.path))
          return escaped.map((file) => ({
            jobId,
            ...(download ? { seq: download.seq } : {}),
            message: `Extracting an input artifact of job ${jobId} created ${file.path}, outside the worker's workspace.`,
            expected: [`no file at ${zipSlipTargets(token).join(' or ')}`, 'the unsafe entries refused (and the job reported as failed)'],
            actual: `${file.path} exists after the scenario${download ? `, after ${describeCall(download)} on s3://${where}` : ''}`,
          }))
        })
        const looked = (evidence.planted ?? []).length > 0
        return { exercised: looked && (downloads.length > 0 || findings.length > 0), findings }
      },
      'the worker downloaded no zip-slip input artifact (or the harness could not look for the canaries)',
    ),
})
