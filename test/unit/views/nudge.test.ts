import { formatMinutes } from '../../../src/views/nudge.js';

describe('formatMinutes', () => {
  it.each([
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [180, '3 hours'],
    [1440, '1 day'],
    [2880, '2 days'],
    [2940, '49 hours'],
  ])('%i minutes reads "%s"', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });
});
