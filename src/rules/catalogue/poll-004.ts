import fc from 'fast-check'
import { normalBehaviour } from '../../scenarios/job-behaviour.js'
import { maximalUnicodeValueArbitrary, payloadVariationArbitrary } from '../../scenarios/payload-variation.js'
import { scenarioArbitrary } from '../../scenarios/scenario.js'
import type { PayloadVariation } from '../../service/jobs/payload-variation.js'
import { judgeEachJob } from '../judge.js'
import { defineRule } from '../rule.js'
import { acknowledgementsOf, dispatchesOf, isSuccessfulAcknowledgement, resultCallsOf, workOn } from '../trace-queries.js'

/** The configuration key that carries a maximal Unicode value; no worker is expected to know it. */
export const UNICODE_NOTE_KEY = 'ConformNote'

const describeVariation = (variation: PayloadVariation): string =>
  [
    ...(variation.omit ?? []).map((member) => `${member} absent`),
    ...(variation.legacyTypeMembers ? ['nested legacy "__type" members'] : []),
  ].join(', ')

export const POLL_004 = defineRule({
  id: 'POLL-004',
  area: 'polling',
  level: 'MUST',
  title: 'Tolerate unknown and absent optional members in job data',
  requirement:
    'A worker MUST tolerate unknown members and absent optional members in PollForJobs and GetJobDetails answers: it MUST acknowledge and report such a job as it would any other, and MUST NOT crash on it.',
  observe:
    'Serves a job (beside at most one ordinary job) whose JobData, in PollForJobs and GetJobDetails answers, leaves out optional members (pipelineContext stage, action, pipelineArn or pipelineExecutionId; inputArtifacts or outputArtifacts absent instead of empty) and/or carries the legacy nested "__type" members of AWS\'s sample response, sometimes with a 1000-code-point Unicode configuration value; every answer stays valid under the model. A varied job the worker never acknowledged (it crashed or skipped it), or acknowledged and never reported, is a violation; one it worked or reported without a claim is for ACK-001 and ACK-003 to judge.',
  rationale:
    "Every member of Job and JobData is optional in the model, AWS's own sample response carries members the model does not name, and enums grow (category Compute arrived in 2024). A worker that dereferences an optional member or validates strictly crashes or drops the job, and the pipeline waits for the job's timeout.",
  sources: [
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PollForJobs.html (sample response: nested "__type" members, outputArtifacts [])',
    'botocore codepipeline 2015-07-09 service model: no member of Job, JobData or PipelineContext is required',
    'protocol-notes section 2.1 and candidate rule 7',
  ],
  since: '0.4.0',
  scenario: (context) =>
    fc
      .tuple(
        scenarioArbitrary(context, [{ behaviour: normalBehaviour() }], { extraJobs: 1 }),
        payloadVariationArbitrary(),
        fc.option(maximalUnicodeValueArbitrary(), { nil: undefined }),
      )
      .map(([scenario, payload, note]) => {
        const [varied, ...rest] = scenario.jobs
        if (!varied) return scenario
        const actionConfiguration = note === undefined ? varied.actionConfiguration : { ...varied.actionConfiguration, [UNICODE_NOTE_KEY]: note }
        return { ...scenario, jobs: [{ ...varied, actionConfiguration, payload }, ...rest] }
      }),
  check: (evidence) => {
    const varied = new Map(evidence.scenario.jobs.flatMap((job) => (job.payload ? [[job.id, job.payload] as const] : [])))
    return judgeEachJob(
      evidence,
      (jobId) => {
        const variation = varied.get(jobId)
        const first = dispatchesOf(evidence.trace, jobId)[0]
        if (!variation || !first) return { exercised: false, findings: [] }
        const shown = describeVariation(variation)
        const acknowledgements = acknowledgementsOf(evidence.trace, jobId).filter((ack) => ack.seq > first.seq)
        // A job worked or reported without a claim was handled, not crashed on or skipped: ACK-001's and ACK-003's to judge.
        const actedOn = workOn(evidence.trace, jobId).some((call) => call.seq > first.seq)
        if (acknowledgements.length === 0 && actedOn) return { exercised: false, findings: [] }
        if (acknowledgements.length === 0) {
          return {
            exercised: true,
            findings: [
              {
                jobId,
                seq: first.seq,
                message: `PollForJobs #${first.seq} handed the worker job ${jobId} with ${shown}, and the worker never acknowledged it: it crashed or skipped the job.`,
                expected: ['AcknowledgeJob for the job, then a PutJobSuccessResult or PutJobFailureResult', 'unknown members ignored, absent optional members tolerated'],
                actual: `no AcknowledgeJob for the job after PollForJobs #${first.seq}`,
              },
            ],
          }
        }
        const owned = acknowledgements.find(isSuccessfulAcknowledgement)
        // A refused claim leaves the worker nothing to report: the rule did not get to the job's handling.
        if (!owned) return { exercised: false, findings: [] }
        if (resultCallsOf(evidence.trace, jobId).some((call) => call.seq > owned.seq)) return { exercised: true, findings: [] }
        return {
          exercised: true,
          findings: [
            {
              jobId,
              seq: owned.seq,
              message: `The worker acknowledged job ${jobId} (with ${shown}) in AcknowledgeJob #${owned.seq} and never reported a result: it crashed or gave up on the job.`,
              expected: ['PutJobSuccessResult or PutJobFailureResult for the job after acknowledging it'],
              actual: `no result call for the job after AcknowledgeJob #${owned.seq}`,
            },
          ],
        }
      },
      'no poll handed out the varied job of this scenario, or its claim was refused',
    )
  },
})
