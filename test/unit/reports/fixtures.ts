import { calendarFromWorkingHours } from '../../../src/calendar/index.js';
import type { ReportContext, ReportedRequest } from '../../../src/reports/index.js';

/** Mon–Fri 09:00–17:00 in Berlin. */
export const berlin9to17 = calendarFromWorkingHours({
  isEnabled: true,
  timezone: 'Europe/Berlin',
  workingDays: [1, 2, 3, 4, 5],
  dailyWorkingHourConfig: true,
  dailyConfigurations: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
});

export const at = (iso: string) => new Date(iso);

/** A request opened at `createdAt` in C1, otherwise untouched. */
export function aRequest(overrides: Partial<ReportedRequest> = {}): ReportedRequest {
  return {
    channelId: 'C1',
    status: 'open',
    assigneeId: null,
    createdAt: at('2026-03-02T09:00:00Z'),
    firstResponseAt: null,
    closedAt: null,
    severity: null,
    tags: [],
    category: null,
    categories: [],
    sla: {
      responseDueAt: null,
      responseBreachedAt: null,
      closureDueAt: null,
      closureBreachedAt: null,
    },
    feedback: null,
    history: [],
    messageCounts: { incoming: 0, outgoing: 0 },
    ...overrides,
  };
}

export const wallUtc: ReportContext = { zone: 'UTC', calendar: null, accountId: null };
export const berlinBusiness: ReportContext = {
  zone: 'Europe/Berlin',
  calendar: berlin9to17,
  accountId: 'A1',
};
