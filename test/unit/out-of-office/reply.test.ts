import {
  backAt,
  outOfOfficeCalendar,
  planOutOfOffice,
  shouldReplyOutOfOffice,
} from '../../../src/out-of-office/reply.js';
import { WorkingHoursConfig } from '../../../src/settings/features/working-hours.js';

/** Mon–Fri 09:00–17:00 Europe/Berlin (CET, UTC+1 in January), 2026-01-06 a holiday. */
const calendar = outOfOfficeCalendar(
  WorkingHoursConfig.parse({
    isEnabled: true,
    timezone: 'Europe/Berlin',
    holidayDates: ['2026-01-06'],
    sendOutOfOfficeAutoReply: true,
  }),
);

const berlin = (local: string) => new Date(`${local}+01:00`);

describe('shouldReplyOutOfOffice', () => {
  it.each<[string, string | null, number, boolean]>([
    // at (Berlin)            last reply (Berlin)     window  reply?
    ['2026-01-03T10:00', null, 12, true], // Sat: closed, never replied
    ['2026-01-03T11:00', '2026-01-03T10:00', 12, false], // 1 h after the last reply < 12 h
    ['2026-01-03T22:00', '2026-01-03T10:00', 12, true], // exactly 12 h: the window is over
    ['2026-01-03T23:00', '2026-01-03T10:00', 12, true], // 13 h later
    ['2026-01-03T10:01', '2026-01-03T10:00', 0, true], // window 0: every time
    ['2026-01-05T10:00', null, 12, false], // Mon 10:00: open
    ['2026-01-05T08:59', null, 12, true], // Mon before 09:00
    ['2026-01-05T16:59', null, 12, false], // last open minute
    ['2026-01-05T17:00', null, 12, true], // 17:00: closed (the end is exclusive)
    ['2026-01-06T10:00', null, 12, true], // Tue 10:00, a holiday
    ['2026-01-09T23:30', '2026-01-09T17:30', 24, false], // Fri night, 6 h after the last reply
  ])('at %s, last reply %s, window %i h: %s', (at, last, windowHours, expected) => {
    const now = berlin(at);
    const lastReplyAt = last ? berlin(last) : null;
    expect(shouldReplyOutOfOffice({ calendar, at: now, now, lastReplyAt, windowHours })).toBe(
      expected,
    );
  });
});

describe('outOfOfficeCalendar', () => {
  it('follows the working hours even when they are disabled for SLAs', () => {
    const disabled = outOfOfficeCalendar(
      WorkingHoursConfig.parse({ isEnabled: false, timezone: 'Europe/Berlin' }),
    );
    const saturday = berlin('2026-01-03T10:00');
    expect(
      shouldReplyOutOfOffice({
        calendar: disabled,
        at: saturday,
        now: saturday,
        lastReplyAt: null,
        windowHours: 12,
      }),
    ).toBe(true);
  });
});

describe('backAt', () => {
  it.each([
    ['2026-01-03T10:00', 'Monday 5 January, 09:00'], // Sat → Mon 09:00
    ['2026-01-05T07:00', 'Monday 5 January, 09:00'], // Mon early → that morning
    ['2026-01-05T18:00', 'Wednesday 7 January, 09:00'], // Mon evening → Tue is a holiday
  ])('at %s: back %s', (at, when) => {
    expect(backAt(calendar, berlin(at))).toBe(`We'll be back ${when} (Europe/Berlin).`);
  });

  it('says nothing when the team never opens again', () => {
    const never = outOfOfficeCalendar(
      WorkingHoursConfig.parse({ timezone: 'UTC', workingDays: [1], dailyConfigurations: [] }),
    );
    expect(backAt(never, new Date('2026-01-03T10:00Z'))).toBeUndefined();
  });
});

describe('planOutOfOffice', () => {
  const config = (overrides: Record<string, unknown> = {}) =>
    WorkingHoursConfig.parse({
      timezone: 'Europe/Berlin',
      holidayDates: ['2026-01-06'],
      sendOutOfOfficeAutoReply: true,
      outOfOfficeAutoReplyMessage: 'We are away.',
      outOfOfficeAutoReplyGroupingWindow: 12,
      ...overrides,
    });

  it('replies on a Saturday with the message and when the team is back', () => {
    // Sat 10:00 Berlin → back Mon 09:00
    const plan = planOutOfOffice(config(), berlin('2026-01-03T10:00'));
    expect(plan).toMatchObject({
      kind: 'reply',
      text: "We are away.\n_We'll be back Monday 5 January, 09:00 (Europe/Berlin)._",
      windowHours: 12,
      asCsm: false,
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['the reply off', { sendOutOfOfficeAutoReply: false }, '2026-01-03T10:00', 'off'],
    ['an empty message', { outOfOfficeAutoReplyMessage: '  ' }, '2026-01-03T10:00', 'no_message'],
    ['working hours', {}, '2026-01-05T10:00', 'open'], // Mon 10:00
  ])('says nothing with %s', (_case, overrides, at, reason) => {
    expect(planOutOfOffice(config(overrides), berlin(at))).toEqual({ kind: 'none', reason });
  });

  it('replies under the CSM when asked', () => {
    const plan = planOutOfOffice(
      config({ useCsmAvatarForAutoReply: true }),
      berlin('2026-01-03T10:00'),
    );
    expect(plan).toMatchObject({ kind: 'reply', asCsm: true });
  });

  it('gives the message alone when the team never opens again', () => {
    const never = config({ timezone: 'UTC', workingDays: [1], dailyConfigurations: [] });
    expect(planOutOfOffice(never, new Date('2026-01-03T10:00Z'))).toMatchObject({
      kind: 'reply',
      text: 'We are away.',
    });
  });
});
