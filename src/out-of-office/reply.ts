import { DateTime } from 'luxon';
import {
  calendarFromWorkingHours,
  isOpen,
  nextOpening,
  type Calendar,
  type WorkingHoursInput,
} from '../calendar/index.js';
import type { WorkingHoursConfig } from '../settings/features/working-hours.js';

const HOUR_MS = 3_600_000;

/**
 * The calendar the out-of-office reply follows: `workingHoursConfig`'s days and hours whenever
 * `sendOutOfOfficeAutoReply` is on, even with `isEnabled` off (that switch decides whether
 * response SLAs count only working time; a team that asks for an out-of-office reply has said
 * when it is in the office).
 */
export function outOfOfficeCalendar(config: WorkingHoursInput): Calendar {
  return calendarFromWorkingHours({ ...config, isEnabled: true });
}

/**
 * Whether a message at `at` gets the out-of-office reply: the team is closed then, and the
 * channel's last reply (`lastReplyAt`) is not within `windowHours` of `now` (at most one reply per
 * channel per window; a window of 0 replies every time).
 *
 * @example
 * // Sat 10:00 Berlin, last reply Sat 09:00, window 12 h: still within the window
 * shouldReplyOutOfOffice({ calendar, at: sat10, now: sat10, lastReplyAt: sat09, windowHours: 12 }); // false
 */
export function shouldReplyOutOfOffice(input: {
  calendar: Calendar;
  at: Date;
  now: Date;
  lastReplyAt: Date | null | undefined;
  windowHours: number;
}): boolean {
  if (isOpen(input.calendar, input.at)) return false;
  if (!input.lastReplyAt || input.windowHours <= 0) return true;
  return input.now.getTime() - input.lastReplyAt.getTime() >= input.windowHours * HOUR_MS;
}

/**
 * "We'll be back Monday 5 January, 09:00 (Europe/Berlin)." for the calendar's next opening after
 * `at`; undefined when it never opens again.
 */
export function backAt(calendar: Calendar, at: Date): string | undefined {
  let opening: Date;
  try {
    opening = nextOpening(calendar, at);
  } catch {
    return undefined;
  }
  const local = DateTime.fromJSDate(opening, { zone: calendar.timezone }).setLocale('en-GB');
  return `We'll be back ${local.toFormat('cccc d LLLL, HH:mm')} (${calendar.timezone}).`;
}

/** What to do about a request opened at `at`, before the channel's reply slot is read. */
export type OutOfOfficePlan =
  | { kind: 'none'; reason: 'off' | 'no_message' | 'open' }
  | { kind: 'unusable'; error: unknown }
  | { kind: 'reply'; calendar: Calendar; text: string; windowHours: number; asCsm: boolean };

/**
 * Whether a request opened at `at` may get the out-of-office reply, and its text: the reply is
 * on with a message, the working hours make a calendar, and the team is closed at `at` (the
 * message's own time, so a redelivery minutes later still judges the moment it was sent). The
 * text is the message followed by when the team is back, in italics. The per-channel window is
 * decided later, by {@link shouldReplyOutOfOffice} against the slot read from the channel.
 *
 * @example
 * // Mon–Fri 09–17 Berlin, a request at Sat 10:00 Berlin:
 * planOutOfOffice(config, sat10); // { kind: 'reply', text: "Away\n_We'll be back Monday …_", … }
 */
export function planOutOfOffice(config: WorkingHoursConfig, at: Date): OutOfOfficePlan {
  if (!config.sendOutOfOfficeAutoReply) return { kind: 'none', reason: 'off' };
  const message = config.outOfOfficeAutoReplyMessage;
  if (message.trim() === '') return { kind: 'none', reason: 'no_message' };
  let calendar: Calendar;
  try {
    calendar = outOfOfficeCalendar(config);
  } catch (error) {
    return { kind: 'unusable', error };
  }
  if (isOpen(calendar, at)) return { kind: 'none', reason: 'open' };
  const back = backAt(calendar, at);
  return {
    kind: 'reply',
    calendar,
    text: back ? `${message}\n_${back}_` : message,
    windowHours: config.outOfOfficeAutoReplyGroupingWindow,
    asCsm: config.useCsmAvatarForAutoReply,
  };
}
