import type { Job } from 'agenda';
import { RESPONSE_SLA } from '../../../jobs/response-sla.js';
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
const REQUESTS = 12;

describe('due jobs on two bots sharing a database', () => {
  let sim: SlackSimulator;
  let database: TestDatabase;
  const bots: TestBot[] = [];
  afterAll(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await sim?.close();
    await database?.drop();
  });

  it('runs each due job on one bot only: Agenda’s lock query hands it to one of them', async () => {
    sim = await SlackSimulator.start({ teamId: 'T0SIM' });
    seedSlack(sim);
    database = await testDatabase();
    const clock = new VirtualClock(FRIDAY_4PM_BERLIN);
    const a = await startTestBot({ clock, sim, database });
    bots.push(a);
    await seedChannels(a, SETTINGS);
    const b = await startTestBot({ clock, sim, database });
    bots.push(b);
    const roots: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const { message } = await a.driver.customerSays(
        CHANNEL,
        newCustomer(a, `U0LOCK${i}`),
        `Question ${i}`,
      );
      roots.push(message.ts);
    }
    const pending = await a.bot.deps.timers.pending();
    expect(pending.filter((job) => job.name === RESPONSE_SLA)).toHaveLength(REQUESTS);
    const runs: string[] = [];
    for (const t of [a, b])
      t.bot.agenda.on('start', (job: Job) => runs.push(String(job.attrs._id)));

    // Both bots poll every 100 ms; the hour passes for both at once.
    clock.advanceMinutes(61);
    const [ranOnA, ranOnB] = await Promise.all([a.runDue(), b.runDue()]);

    expect(ranOnA + ranOnB).toBe(REQUESTS);
    expect(runs).toHaveLength(REQUESTS);
    expect(new Set(runs).size).toBe(REQUESTS);
    const finished = await a.db
      .collection('agendaJobs')
      .find({ name: RESPONSE_SLA, lastFinishedAt: { $ne: null } })
      .toArray();
    expect(finished.map((job) => String(job._id)).sort()).toEqual([...runs].sort());
    for (const ts of roots) expect(alertsFor(sim, ts)).toHaveLength(1);
  });
});
