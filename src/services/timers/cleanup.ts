import { CLEANUP_TIMER } from '../../timers/cleanup.js';
import { minutesTimerHooks } from './apply.js';

/**
 * Triage clean-up (rules in `src/timers/cleanup.ts`): closing schedules the card's deletion;
 * reopening cancels it. The deletion itself is `jobs/triage-cleanup.ts`.
 */
export const cleanupHooks = minutesTimerHooks(CLEANUP_TIMER);
