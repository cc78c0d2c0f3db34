import { requestFacts, slaOutcome } from '../../../src/reports/index.js';
import { aRequest, at, berlinBusiness, wallUtc } from './fixtures.js';

describe('requestFacts', () => {
  it('measures first response and resolution in business minutes across a weekend', () => {
    const request = aRequest({
      createdAt: at('2026-03-06T15:00:00Z'), // Fri 16:00 Berlin
      firstResponseAt: at('2026-03-09T09:00:00Z'), // Mon 10:00
      closedAt: at('2026-03-09T11:00:00Z'), // Mon 12:00
      status: 'closed',
    });
    const facts = requestFacts(request, berlinBusiness);
    // Fri 16:00–17:00 (60) + Mon 09:00–10:00 (60) = 120 business minutes
    expect(facts.firstResponse).toEqual({ day: '2026-03-09', minutes: 120 });
    // Fri 60 + Mon 09:00–12:00 (180) = 240
    expect(facts.resolution).toEqual({ day: '2026-03-09', minutes: 240 });
    expect(facts.business).toBe(true);
    expect(facts.day).toBe('2026-03-06');
    expect(facts.dims.account).toBe('A1');
  });

  it('measures the same request in wall-clock minutes without working hours', () => {
    const request = aRequest({
      createdAt: at('2026-03-06T15:00:00Z'),
      firstResponseAt: at('2026-03-09T09:00:00Z'),
    });
    const facts = requestFacts(request, wallUtc);
    // Fri 15:00Z → Mon 09:00Z = 66 h = 3960 min
    expect(facts.firstResponse).toEqual({ day: '2026-03-09', minutes: 3960 });
    expect(facts.business).toBe(false);
    expect(facts.resolution).toBeNull(); // open: not resolved
  });

  it('counts the hours of a DST day as they pass and dates events in the workspace zone', () => {
    const request = aRequest({
      createdAt: at('2026-03-28T22:30:00Z'), // Sat 23:30 CET
      closedAt: at('2026-03-29T21:30:00Z'), // Sun 23:30 CEST: the clock skipped 02:00–03:00
      status: 'closed',
      history: [
        { at: at('2026-03-29T22:30:00Z'), type: 'status', from: 'closed', to: 'open', by: 'U1' },
      ],
    });
    const facts = requestFacts(request, { ...wallUtc, zone: 'Europe/Berlin' });
    // 23:30 → 23:30 the next local day is 23 h, not 24: 1380 min
    expect(facts.resolution).toEqual({ day: '2026-03-29', minutes: 1380 });
    expect(facts.day).toBe('2026-03-28');
    // 22:30Z on the 29th is 00:30 CEST on the 30th
    expect(facts.reopens).toEqual(['2026-03-30']);
  });

  it('counts every reopening (a move from closed back to live)', () => {
    const entry = (iso: string, from: string, to: string) => ({
      at: at(iso),
      type: 'status',
      from,
      to,
      by: 'U1',
    });
    const request = aRequest({
      history: [
        entry('2026-03-02T10:00:00Z', 'open', 'closed'),
        entry('2026-03-02T11:00:00Z', 'closed', 'open'),
        entry('2026-03-03T10:00:00Z', 'open', 'closed'),
        entry('2026-03-04T10:00:00Z', 'closed', 'in_progress'),
        entry('2026-03-04T11:00:00Z', 'in_progress', 'on_hold'),
      ],
    });
    expect(requestFacts(request, wallUtc).reopens).toEqual(['2026-03-02', '2026-03-04']);
  });

  it('counts the opening message as incoming, thread replies by kind', () => {
    const facts = requestFacts(aRequest({ messageCounts: { incoming: 2, outgoing: 3 } }), wallUtc);
    expect([facts.incoming, facts.outgoing]).toEqual([3, 3]);
  });

  it('files a CSAT rating on the day it was given, and the request under its dimensions', () => {
    const request = aRequest({
      assigneeId: 'U9',
      tags: ['billing', 'api', 'billing'],
      severity: 'high',
      category: 'Bug',
      categories: [{ name: 'Area', value: 'Login' }],
      feedback: { rating: 4, at: at('2026-03-05T08:00:00Z') },
    });
    const facts = requestFacts(request, wallUtc);
    expect(facts.csat).toEqual({ day: '2026-03-05', rating: 4 });
    expect(facts.dims).toEqual({
      channel: 'C1',
      account: null,
      agent: 'U9',
      label: ['api', 'billing'],
      severity: 'high',
      category: ['Area:Login', 'Bug'],
    });
  });
});

describe('slaOutcome', () => {
  const due = at('2026-03-02T13:00:00Z');
  const breached = at('2026-03-02T13:00:00Z');
  it.each([
    ['no clock: not counted', null, null, false, true, null],
    ['running: pending', due, null, false, true, 'pending'],
    ['answered in time: met', due, null, true, true, 'met'],
    ['breached, answered later: breached', due, breached, true, false, 'breached'],
    ['breached, still open: breached', due, breached, false, true, 'breached'],
    ['discarded unanswered: not counted', due, null, false, false, null],
  ] as const)('%s', (_name, dueAt, breachedAt, done, live, outcome) => {
    expect(slaOutcome(dueAt, breachedAt, done, live)).toBe(outcome);
  });

  it('reads a request: response met, closure breached', () => {
    const request = aRequest({
      status: 'closed',
      firstResponseAt: at('2026-03-02T09:30:00Z'),
      closedAt: at('2026-03-03T09:00:00Z'),
      sla: {
        responseDueAt: at('2026-03-02T10:00:00Z'),
        responseBreachedAt: null,
        closureDueAt: at('2026-03-02T17:00:00Z'),
        closureBreachedAt: at('2026-03-02T17:00:00Z'),
      },
    });
    expect(requestFacts(request, wallUtc).sla).toEqual({ response: 'met', closure: 'breached' });
  });
});
