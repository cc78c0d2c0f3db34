/** Business hours, holidays and time zones: pure functions of a calendar and given instants. */
export { ALWAYS_OPEN, Calendar, OpenInterval, Weekday, parseCalendar } from './calendar.js';
export {
  BusinessHoursInput,
  WorkingHoursInput,
  calendarFromBusinessHours,
  calendarFromWorkingHours,
  parseTimeOfDay,
} from './from-settings.js';
export {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpen,
  nextClosing,
  nextOpening,
} from './business-time.js';
export { CalendarError, type CalendarErrorCode } from './errors.js';
