import {
  CalendarError,
  addBusinessMinutes,
  businessMinutesBetween,
  calendarFromWorkingHours,
  type WorkingHoursInput,
} from '../calendar/index.js';

/**
 * SLA due dates: pure functions of instants and the working-hours settings. SLA minutes are
 * business minutes while `workingHoursConfig.isEnabled` and wall-clock minutes otherwise (the
 * disabled config is a 24/7 calendar, so both cases are the same arithmetic).
 */

/**
 * When an SLA of `minutes` started at `start` falls due; null when the calendar never opens
 * again (no working interval on any working day), so the SLA can never run out.
 *
 * @example
 * // Fri 16:00 + 120 business min (Mon–Fri 09–17, Europe/Berlin) = Mon 10:00
 * slaDue(new Date('2026-03-06T15:00:00Z'), 120, berlin9to17); // 2026-03-09T09:00:00Z
 */
export function slaDue(start: Date, minutes: number, workingHours: WorkingHoursInput): Date | null {
  return orNever(() => addBusinessMinutes(calendarFromWorkingHours(workingHours), start, minutes));
}

/**
 * The due date of an SLA paused at `pausedAt` (due then at `dueAt`) and resumed at `resumedAt`:
 * the business minutes that were left at the pause are counted again from the resumption, so
 * the due date moves by the paused business time. A pause taken after the due date leaves
 * nothing: the SLA falls due on resumption.
 *
 * @example
 * // due Fri 18:00, paused 12:00 (6 h left), resumed 15:00 (wall-clock) = due Fri 21:00
 * resumeDue(at('12:00'), at('18:00'), at('15:00'), { isEnabled: false, timezone: 'UTC' });
 */
export function resumeDue(
  pausedAt: Date,
  dueAt: Date,
  resumedAt: Date,
  workingHours: WorkingHoursInput,
): Date | null {
  return orNever(() => {
    const calendar = calendarFromWorkingHours(workingHours);
    const left = Math.max(0, businessMinutesBetween(calendar, pausedAt, dueAt));
    return addBusinessMinutes(calendar, resumedAt, left);
  });
}

function orNever(compute: () => Date): Date | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CalendarError && error.code === 'calendar_never_open') return null;
    throw error;
  }
}
