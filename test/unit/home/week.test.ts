import { csatPercent, medianText, weekLines, type WeekSummary } from '../../../src/home/week.js';
import { weekBlocks } from '../../../src/views/home-week.js';

const summary = (over: Partial<WeekSummary> = {}): WeekSummary => ({
  conversations_count: 0,
  median_first_response_time: null,
  median_resolution_time: null,
  time_unit: { first_response: 'minutes', resolution: 'minutes' },
  sla: { response: { met_percent: null } },
  csat: { distribution: {} },
  ...over,
});

describe('the App Home week', () => {
  it.each([
    [null, 'minutes', '–'],
    [15, 'minutes', '≤ 15 min'],
    [90, 'minutes', '≤ 1.5 h'],
    [120, 'business_minutes', '≤ 2 h (business)'],
    [4320, 'minutes', '≤ 3 d'],
  ])('a median of %s %s reads %s', (minutes, unit, text) => {
    expect(medianText(minutes, unit)).toBe(text);
  });

  it.each([
    [{}, null],
    [{ '1': 1, '5': 1 }, 50],
    [{ '3': 2, '4': 1 }, 33],
  ])('CSAT of %j is %s%', (distribution, percent) => {
    expect(csatPercent(distribution)).toBe(percent);
  });

  it('compares each number with the week before: lower times and higher shares are better', () => {
    const now = summary({
      conversations_count: 12,
      median_first_response_time: 15,
      median_resolution_time: 240,
      sla: { response: { met_percent: 91.67 } },
      csat: { distribution: { '5': 3, '2': 1 } },
    });
    const before = summary({
      conversations_count: 9,
      median_first_response_time: 30,
      median_resolution_time: 120,
      sla: { response: { met_percent: 91.67 } },
    });
    expect(weekLines(now, before)).toEqual([
      { label: 'Requests opened', now: '12', before: '9', trend: null },
      { label: 'First response (median)', now: '≤ 15 min', before: '≤ 30 min', trend: 'better' },
      { label: 'Resolution (median)', now: '≤ 4 h', before: '≤ 2 h', trend: 'worse' },
      { label: 'Response SLA met', now: '92%', before: '92%', trend: 'same' },
      { label: 'CSAT (4–5 of 5)', now: '75%', before: '–', trend: null },
    ]);
  });

  it('draws a title line with the backlog and one field per number', () => {
    const lines = weekLines(summary({ conversations_count: 2 }), summary());
    const blocks = weekBlocks({ whose: 'mine', backlog: { open: 3, unassigned: 1 }, lines });
    expect(JSON.stringify(blocks[0])).toContain('*Your week* · open assigned to you: *3*');
    expect(blocks[1]).toMatchObject({ type: 'section', block_id: 'home_week' });
    const fields = (blocks[1] as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(fields[0]).toBe('*Requests opened*\n2  _(before: 0)_');
    expect(fields).toHaveLength(5);
    const team = weekBlocks({ whose: 'team', backlog: { open: 0, unassigned: 0 }, lines });
    expect(JSON.stringify(team[0])).toContain("*The team's week* · open in the workspace: *0*");
  });
});
