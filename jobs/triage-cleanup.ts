import { z } from 'zod';
import type { JobDefinition } from '../src/scheduler/timers.js';
import { deleteTriageCard } from '../src/services/timers/cleanup.js';

export const TRIAGE_CLEANUP = 'triage-cleanup';

/** `key`: the request id; `minutes`: delete_notification_from_triage_in_minutes when it closed. */
export const TriageCleanupData = z.object({
  key: z.string().regex(/^[0-9a-f]{24}$/),
  minutes: z.number().int().positive(),
});
export type TriageCleanupData = z.infer<typeof TriageCleanupData>;

/** Deletes a closed request's triage card the configured time after it closed. */
export const triageCleanupJob: JobDefinition<TriageCleanupData> = {
  name: TRIAGE_CLEANUP,
  data: TriageCleanupData,
  handle: (deps, data) => deleteTriageCard(deps, data),
};
