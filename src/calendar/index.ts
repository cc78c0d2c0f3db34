/** Business hours, holidays and time zones: pure functions of a calendar and given instants. */
export {
  ALWAYS_OPEN,
  BusinessHoursInput,
  Calendar,
  OpenInterval,
  Weekday,
  WorkingHoursInput,
  calendarFromBusinessHours,
  calendarFromWorkingHours,
  parseCalendar,
  parseTimeOfDay,
} from './calendar.js';
export {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpen,
  nextClosing,
  nextOpening,
} from './business-time.js';
export { CalendarError, type CalendarErrorCode } from './errors.js';
