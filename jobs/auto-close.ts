import { z } from 'zod';
import type { JobDefinition } from '../src/scheduler/timers.js';
import { autoClose } from '../src/services/timers/auto-close.js';

export const AUTO_CLOSE = 'auto-close';

/** `key`: the request id; `minutes`: auto_close_duration_in_minutes when it was scheduled. */
export const AutoCloseData = z.object({
  key: z.string().regex(/^[0-9a-f]{24}$/),
  minutes: z.number().int().positive(),
});
export type AutoCloseData = z.infer<typeof AutoCloseData>;

/** Closes a live request the customer has not written in for the configured time. */
export const autoCloseJob: JobDefinition<AutoCloseData> = {
  name: AUTO_CLOSE,
  data: AutoCloseData,
  handle: (deps, data) => autoClose(deps, data),
};
