import type { Job } from 'agenda';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { SlackSimulator } from '../../support/slack/simulator.js';
import { newCustomer } from '../requests/world.js';
import {
  CHANNEL,
  FRIDAY_4PM_BERLIN,
  SLA_CHANNEL,
  alertsFor,
  seedChannels,
  seedSlack,
  slaSettings,
} from './world.js';

const SETTINGS = slaSettings({ isEnabled: true, sla: 60, sla_channel: SLA_CHANNEL });

/** One simulator and one database that several bot processes share, as in production. */
async function sharedWorld() {
  const sim = await SlackSimulator.start({ teamId: 'T0SIM' });
  seedSlack(sim);
  const database = await testDatabase();
  return { sim, database };
}

async function customersAsk(t: TestBot, count: number, prefix: string): Promise<string[]> {
  const roots: string[] = [];
  for (let i = 0; i < count; i++) {
    const customer = newCustomer(t, `U0${prefix}${i}`);
    const { message } = await t.driver.customerSays(CHANNEL, customer, `Question ${prefix} ${i}`);
    roots.push(message.ts);
  }
  return roots;
}

describe('SLA jobs across restarts and instances', () => {
  let sim: SlackSimulator;
  let database: TestDatabase;
  const bots: TestBot[] = [];
  beforeEach(async () => {
    ({ sim, database } = await sharedWorld());
  });
  /** Two bot processes on the shared database, on one clock. */
  async function twoInstances() {
    const clock = new VirtualClock(FRIDAY_4PM_BERLIN);
    const a = await startTestBot({ clock, sim, database });
    bots.push(a);
    await seedChannels(a, SETTINGS);
    const b = await startTestBot({ clock, sim, database });
    bots.push(b);
    return { clock, a, b };
  }
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await sim.close();
    await database.drop();
  });

  it('fires each pending breach once after the bot restarts', async () => {
    const clock = new VirtualClock(FRIDAY_4PM_BERLIN);
    const a = await startTestBot({ clock, sim, database });
    await seedChannels(a, SETTINGS);
    const roots = await customersAsk(a, 3, 'RESTART');
    expect(await a.bot.deps.timers.pending()).toHaveLength(3);
    await a.stop();

    const b = await startTestBot({ clock, sim, database });
    bots.push(b);
    expect(await b.bot.deps.timers.pending()).toHaveLength(3);
    expect(await b.advance(61)).toBe(3);
    await b.advance(24 * 60);
    for (const ts of roots) expect(alertsFor(sim, ts)).toHaveLength(1);
    expect(await b.bot.deps.timers.pending()).toHaveLength(0);
  });

  it('fires each breach once when two instances run due jobs at the same time', async () => {
    const { clock, a, b } = await twoInstances();
    const roots = [...(await customersAsk(a, 3, 'TWOA')), ...(await customersAsk(b, 3, 'TWOB'))];

    clock.advanceMinutes(61);
    await Promise.all([a.runDue(), b.runDue()]);
    await Promise.all([a.runDue(), b.runDue()]);
    for (const ts of roots) expect(alertsFor(sim, ts)).toHaveLength(1);
    const breached = await a.db
      .collection('requests')
      .countDocuments({ 'sla.responseBreachedAt': { $ne: null } });
    expect(breached).toBe(roots.length);
  });

  it('runs each due job on one instance only: Agenda’s lock query hands it to one of them', async () => {
    const { clock, a, b } = await twoInstances();
    const roots = await customersAsk(a, 12, 'LOCK');
    const runs: string[] = [];
    for (const t of [a, b])
      t.bot.agenda.on('start', (job: Job) => runs.push(String(job.attrs._id)));

    // Both poll every 100 ms: the hour passes for both at once and both race for every job.
    clock.advanceMinutes(61);
    const [ranOnA, ranOnB] = await Promise.all([a.runDue(), b.runDue()]);

    expect(ranOnA + ranOnB).toBe(roots.length);
    expect(new Set(runs).size).toBe(roots.length);
    expect(runs).toHaveLength(roots.length);
    const finished = await a.db
      .collection('agendaJobs')
      .find({ name: 'response-sla', lastFinishedAt: { $ne: null } })
      .toArray();
    expect(finished.map((job) => String(job._id)).sort()).toEqual([...runs].sort());
    for (const ts of roots) expect(alertsFor(sim, ts)).toHaveLength(1);
  });
});
