import { CANCEL, KEEP, dueStep, minutesAfter, scheduleOr } from '../../../src/timers/timer.js';

const at = (iso: string) => new Date(iso);

describe('dueStep', () => {
  it.each([
    // due, now → step
    ['fires when due', '2026-03-02T10:05:00Z', '2026-03-02T10:05:00Z', 'fire'], // 10:05 = 10:05
    ['fires late', '2026-03-02T10:05:00Z', '2026-03-02T12:00:00Z', 'fire'], // the bot was down
    [
      'waits for a due date that moved later',
      '2026-03-02T11:05:00Z',
      '2026-03-02T10:05:00Z',
      'wait',
    ],
  ])('%s', (_case, due, now, kind) => {
    const step = dueStep(at(due), at(now));
    expect(step).toEqual(kind === 'wait' ? { kind, at: at(due) } : { kind, due: at(due) });
  });

  it('skips a timer that no longer applies', () => {
    expect(dueStep(null, at('2026-03-02T10:05:00Z'))).toEqual({ kind: 'skip' });
  });
});

describe('scheduleOr', () => {
  it('schedules at the due date, else falls back', () => {
    expect(scheduleOr(at('2026-03-02T10:05:00Z'), CANCEL)).toEqual({
      kind: 'schedule',
      at: at('2026-03-02T10:05:00Z'),
    });
    expect(scheduleOr(null, CANCEL)).toEqual(CANCEL);
    expect(scheduleOr(null, KEEP)).toEqual(KEEP);
  });
});

describe('minutesAfter', () => {
  it('adds wall-clock minutes', () => {
    // Mon 23:30 + 90 min = Tue 01:00
    expect(minutesAfter(at('2026-03-02T23:30:00Z'), 90)).toEqual(at('2026-03-03T01:00:00Z'));
  });
});
