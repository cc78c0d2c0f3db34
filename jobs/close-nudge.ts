import { z } from 'zod';
import type { JobDefinition } from '../src/scheduler/timers.js';
import { sendCloseNudge } from '../src/services/timers/nudge.js';

export const CLOSE_NUDGE = 'close-nudge';

/** `key`: the request id; `minutes`: close_nudge_duration_in_minutes when it was scheduled. */
export const CloseNudgeData = z.object({
  key: z.string().regex(/^[0-9a-f]{24}$/),
  minutes: z.number().int().positive(),
});
export type CloseNudgeData = z.infer<typeof CloseNudgeData>;

/** "Is this resolved?" in an answered request's thread once nobody has written for a while. */
export const closeNudgeJob: JobDefinition<CloseNudgeData> = {
  name: CLOSE_NUDGE,
  data: CloseNudgeData,
  handle: (deps, data) => sendCloseNudge(deps, data),
};
