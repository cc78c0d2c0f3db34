/** Every way a calendar input or query can be refused, as a stable string code. */
export type CalendarErrorCode =
  | 'calendar_invalid_config'
  | 'calendar_invalid_timezone'
  | 'calendar_invalid_time'
  | 'calendar_empty_interval'
  | 'calendar_invalid_interval'
  | 'calendar_invalid_weekday'
  | 'calendar_invalid_holiday'
  | 'calendar_invalid_date'
  | 'calendar_invalid_minutes'
  | 'calendar_never_open'
  | 'calendar_never_closes';

/**
 * A refused calendar input or an unanswerable query (a calendar that is never open).
 *
 * @example
 * try { calendarFromWorkingHours(cfg) } catch (e) {
 *   if (e instanceof CalendarError && e.code === 'calendar_invalid_timezone') ...
 * }
 */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
  }
}
