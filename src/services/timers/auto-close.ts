import { AUTO_CLOSE_TIMER } from '../../timers/auto-close.js';
import { minutesTimerHooks } from './apply.js';

/**
 * Auto-close (rules in `src/timers/auto-close.ts`): opening, every customer message and a
 * reopening (re)schedule the request's close; a close or a discard cancels it. The close itself
 * is `jobs/auto-close.ts`.
 */
export const autoCloseHooks = minutesTimerHooks(AUTO_CLOSE_TIMER);
