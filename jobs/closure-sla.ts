import type { JobDefinition } from '../src/scheduler/timers.js';
import { slaJobDue } from '../src/services/timers/sla-breach.js';
import { CLOSURE_SLA, SlaJobData } from '../src/timers/jobs.js';

export { CLOSURE_SLA };

/**
 * A request's closure falls due (scheduled on `created`, dropped while on hold and moved on
 * resumption, cancelled on close or discard): re-check, then alert and act once.
 */
export const closureSlaJob: JobDefinition = {
  name: CLOSURE_SLA,
  data: SlaJobData,
  handle: (deps, { key }) => slaJobDue(deps, 'closure', key),
};
