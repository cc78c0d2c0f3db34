import { RESPONSE_SLA } from '../../../jobs/response-sla.js';
import type { TestBot } from '../../support/bot.js';
import {
  CHANNEL,
  CUSTOMER,
  SLA_CHANNEL,
  alertsFor,
  requestOf,
  slaSettings,
  slaWorld,
} from './world.js';

describe('SLA jobs on Agenda’s own processor', () => {
  let t: TestBot;
  beforeAll(async () => {
    // No clock: real time, and Agenda polls for due jobs every 5 seconds.
    t = await slaWorld(slaSettings({ isEnabled: true, sla: 0, sla_channel: SLA_CHANNEL }));
    // Agenda re-checks a running job's lock every lockLifetime / 2 (5 minutes by default) on a
    // timer that outlives the job and keeps Jest from exiting; a short lifetime ends it soon.
    const definition = t.bot.agenda.definitions[RESPONSE_SLA];
    if (definition) definition.lockLifetime = 4000;
  });
  afterAll(() => t.stop());

  it('runs a due breach job without anyone calling runDue', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Is anyone there?');
    await t.sim.waitFor(() => alertsFor(t.sim, message.ts).length === 1 || undefined, {
      timeoutMs: 15_000,
      what: 'the SLA alert',
    });
    expect((await requestOf(t, message.ts))?.sla.responseBreachedAt).toBeInstanceOf(Date);
    expect(alertsFor(t.sim, message.ts)).toHaveLength(1);
  }, 20_000);
});
