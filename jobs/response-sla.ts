import type { JobDefinition } from '../src/scheduler/timers.js';
import { slaJobDue } from '../src/services/timers/sla-breach.js';
import { RESPONSE_SLA, SlaJobData } from '../src/timers/jobs.js';

export { RESPONSE_SLA };

/**
 * A request's first response falls due (scheduled by the SLA hooks on `created`, cancelled by
 * the first agent reply): re-check, then alert and act once.
 */
export const responseSlaJob: JobDefinition = {
  name: RESPONSE_SLA,
  data: SlaJobData,
  handle: (deps, { key }) => slaJobDue(deps, 'response', key),
};
