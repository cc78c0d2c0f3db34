import { HOUSEKEEPING } from '../../../jobs/housekeeping.js';
import type { TestBot } from '../../support/bot.js';
import type { VirtualClock } from '../../support/clock.js';
import { timerWorld } from './world.js';

const DAY = 24 * 60 * 60_000;

describe('hourly housekeeping', () => {
  let t: TestBot;
  let clock: VirtualClock;
  beforeAll(async () => {
    ({ t, clock } = await timerWorld());
  });
  afterAll(() => t.stop());

  it('deletes week-old event markers and claims and long-finished jobs, and keeps the rest', async () => {
    const now = clock.now().getTime();
    const old = new Date(now - 8 * DAY);
    const recent = new Date(now - 6 * DAY);
    const { slackEvents, claims } = t.bot.deps.models;
    const marker = { teamId: 'T0SIM', state: 'done' as const, leaseUntil: old };
    await slackEvents.create([
      { _id: 'Ev0OLD', ...marker, receivedAt: old },
      { _id: 'Ev0RECENT', ...marker, receivedAt: recent },
    ]);
    await claims.create([
      { _id: 'claim:old', at: old },
      { _id: 'claim:recent', at: recent },
    ]);
    const jobs = t.db.collection('agendaJobs');
    await jobs.insertMany([
      { name: 'close-nudge', data: { key: 'old' }, nextRunAt: null, lastFinishedAt: old },
      { name: 'close-nudge', data: { key: 'recent' }, nextRunAt: null, lastFinishedAt: recent },
    ]);

    await t.bot.deps.timers.schedule(HOUSEKEEPING, HOUSEKEEPING, clock.now());
    expect(await t.runDue()).toBe(1);

    expect((await slackEvents.find().lean()).map((e) => e._id)).toEqual(['Ev0RECENT']);
    expect((await claims.find().lean()).map((c) => c._id)).toEqual(['claim:recent']);
    const left = await jobs.find({ name: 'close-nudge' }).toArray();
    expect(left.map((job) => job.data.key)).toEqual(['recent']);
  });

  it('deletes expired dashboard sessions and sign-in links expired over a week ago', async () => {
    const now = clock.now().getTime();
    const user = { teamId: 'T0SIM', userId: 'U0ADMIN', role: 'administrator' as const };
    const { dashboardLinks, dashboardSessions } = t.bot.deps.models;
    await dashboardLinks.create([
      { hash: 'link-old', ...user, expiresAt: new Date(now - 8 * DAY) },
      { hash: 'link-recent', ...user, expiresAt: new Date(now - 6 * DAY) },
    ]);
    await dashboardSessions.create([
      { hash: 'session-ended', ...user, csrf: 'c1', expiresAt: new Date(now - 60_000) },
      { hash: 'session-live', ...user, csrf: 'c2', expiresAt: new Date(now + 60_000) },
    ]);

    await t.bot.deps.timers.schedule(HOUSEKEEPING, HOUSEKEEPING, clock.now());
    expect(await t.runDue()).toBe(1);

    expect((await dashboardLinks.find().lean()).map((l) => l.hash)).toEqual(['link-recent']);
    expect((await dashboardSessions.find().lean()).map((s) => s.hash)).toEqual(['session-live']);
  });

  it('deletes suggestions and kept messages after 30 days, and keeps younger ones', async () => {
    const now = clock.now().getTime();
    const kept = (ts: string, age: number, state = 'kept') => ({
      teamId: 'T0SIM',
      channelId: 'C0EXT',
      ts,
      authorId: 'U0CUST',
      botId: null,
      text: 'thanks',
      why: 'pleasantry',
      state,
      post: null,
      handledBy: null,
      handledAt: null,
      requestId: null,
      createdAt: new Date(now - age),
      updatedAt: new Date(now - age),
    });
    const suggestions = t.db.collection('suggestions');
    await suggestions.insertMany([
      kept('1.000001', 31 * DAY),
      kept('1.000002', 31 * DAY, 'dismissed'),
      kept('1.000003', 29 * DAY),
    ]);

    await t.bot.deps.timers.schedule(HOUSEKEEPING, HOUSEKEEPING, clock.now());
    expect(await t.runDue()).toBe(1);

    expect((await suggestions.find().toArray()).map((s) => s.ts)).toEqual(['1.000003']);
  });

  it.each<[string, Record<string, number>, string]>([
    ['timer_kind_key', { name: 1, 'data.key': 1 }, 'schedule and cancel find a timer by'],
    ['timer_lock_expiry', { name: 1, lockedAt: 1 }, "the lock query's expired-lock half reads"],
  ])('indexes the jobs as %s, %o, which %s', async (name, key) => {
    const indexes = await t.db.collection('agendaJobs').indexes();
    expect(indexes.find((index) => index.name === name)?.key).toEqual(key);
  });
});
