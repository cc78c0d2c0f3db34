import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { click, newCustomer } from '../requests/world.js';
import {
  CHANNEL,
  CUSTOMER,
  FRIDAY_4PM_BERLIN,
  SLA_CHANNEL,
  TRIAGE,
  alertsFor,
  pendingFor,
  requestOf,
  setSettings,
  slaSettings,
  slaWorld,
} from './world.js';

const HOUR = 60;

describe('the closure SLA', () => {
  const clock = new VirtualClock(FRIDAY_4PM_BERLIN);
  let t: TestBot;
  beforeAll(async () => {
    t = await slaWorld(
      slaSettings(
        { sla_breach_config: { request: { isEnabled: true } } },
        { isEnabled: true, sla: 4 * HOUR, sla_channel: SLA_CHANNEL },
      ),
      clock,
    );
  });
  afterAll(() => t.stop());

  it('pauses while on hold and moves the due date by the time on hold', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Please migrate our data');
    const opened = clock.now().getTime();
    const at = (minutes: number) => new Date(opened + minutes * 60_000);
    expect((await requestOf(t, message.ts))?.sla.closureDueAt).toEqual(at(4 * HOUR));

    await t.advance(HOUR);
    await click(t, message.ts, ACTIONS.onHold);
    const held = await requestOf(t, message.ts);
    expect(held?.sla.pausedAt).toEqual(at(HOUR));
    expect(await pendingFor(t, message.ts)).toEqual([]);

    await t.advance(3 * HOUR); // past the original due date, still on hold
    expect(alertsFor(t.sim, message.ts)).toHaveLength(0);

    await click(t, message.ts, ACTIONS.inProgress);
    const resumed = await requestOf(t, message.ts);
    // due 4 h after opening, 3 h on hold: due 7 h after opening
    expect(resumed?.sla.closureDueAt).toEqual(at(7 * HOUR));
    expect(resumed?.sla.pausedAt).toBeNull();
    expect(await pendingFor(t, message.ts)).toEqual(['closure-sla']);

    await t.advance(3 * HOUR - 1);
    expect(alertsFor(t.sim, message.ts)).toHaveLength(0);
    await t.advance(1);
    const [alert, ...more] = alertsFor(t.sim, message.ts);
    expect(more).toHaveLength(0);
    expect(alert?.text).toContain('Closure SLA breached');
    const breached = await requestOf(t, message.ts);
    expect(breached?.sla.closureBreachedAt).toEqual(at(7 * HOUR));
    expect(JSON.stringify(t.sim.message(TRIAGE, breached?.triage.ts)?.blocks)).toContain(
      '⚠️ closure SLA breached',
    );
  });

  it('stops when the request is closed in time', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0CLOSED'),
      'Reset my password',
    );
    await t.advance(HOUR);
    await click(t, message.ts, ACTIONS.close);
    expect(await pendingFor(t, message.ts)).toEqual([]);
    await t.advance(8 * HOUR);
    expect(alertsFor(t.sim, message.ts)).toHaveLength(0);
    expect((await requestOf(t, message.ts))?.sla.closureBreachedAt).toBeNull();
  });

  it('alerts the triage channel when no SLA channel is set', async () => {
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      reset: ['requests.support.request_closure_sla.sla_channel'],
    });
    await setSettings(t, slaSettings({}, { sla: HOUR }));
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0FALLBACK'),
      'Is the status page right?',
    );
    await t.advance(HOUR);
    expect(alertsFor(t.sim, message.ts, TRIAGE)).toHaveLength(1);
    expect(alertsFor(t.sim, message.ts, SLA_CHANNEL)).toHaveLength(0);
  });
});
