import type { JobSpec } from '../service/jobs/job-spec.js'

/**
 * Makes jobs partner (ThirdParty) jobs for a worker that works only those:
 * each gets one of the config's clients, in turn, so every rule's scenarios
 * reach it through PollForThirdPartyJobs. Jobs that already name a client
 * (PARTNER-* scenarios) keep it.
 *
 * @example
 * asPartnerJobs(specs, { "0f0e...": "token" })
 */
export function asPartnerJobs<J extends Pick<JobSpec, 'partner'>>(jobs: J[], clients: Record<string, string>): J[] {
  const pairs = Object.entries(clients)
  if (pairs.length === 0) return jobs
  return jobs.map((job, index) => {
    if (job.partner) return job
    const [clientId, clientToken] = pairs[index % pairs.length] as [string, string]
    return { ...job, partner: { clientId, clientToken } }
  })
}
