import { ACTIONS, EMOJI } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { click, newCustomer } from '../requests/world.js';
import {
  AGENT,
  CHANNEL,
  CUSTOMER,
  FRIDAY_4PM_BERLIN,
  SLA_CHANNEL,
  TRIAGE,
  advanceTo,
  alertsFor,
  pendingFor,
  requestOf,
  setSettings,
  slaSettings,
  slaWorld,
} from './world.js';

const minutesAfter = (iso: string, minutes: number) =>
  new Date(new Date(iso).getTime() + minutes * 60_000);
const cardText = (t: TestBot, cardTs: string) =>
  JSON.stringify(t.sim.message(TRIAGE, cardTs)?.blocks ?? []);
const reactionsOn = (t: TestBot, ts: string) =>
  t.sim.reactionsOn(CHANNEL, ts).map((reaction) => reaction.name);

describe('the response SLA on wall-clock time', () => {
  const clock = new VirtualClock(FRIDAY_4PM_BERLIN);
  let t: TestBot;
  beforeAll(async () => {
    t = await slaWorld(
      slaSettings({
        isEnabled: true,
        sla: 60,
        sla_channel: SLA_CHANNEL,
        sla_breach_config: {
          reaction: { isEnabled: true, message_ts_comparison: 'first_message' },
          conversation_response: { isEnabled: true },
          suggested_request_invalidation: { isEnabled: true },
          request: { isEnabled: true },
        },
      }),
      clock,
    );
  });
  afterAll(() => t.stop());

  it('alerts the SLA channel, marks the message, apologises in the thread and flags the card when nobody answers in time', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Our exports fail');
    const created = await requestOf(t, message.ts);
    expect(created?.sla.responseDueAt).toEqual(minutesAfter(FRIDAY_4PM_BERLIN, 60));
    expect(await pendingFor(t, message.ts)).toEqual(['response-sla']);

    expect(await t.advance(59)).toBe(0);
    expect(alertsFor(t.sim, message.ts)).toHaveLength(0);
    await t.advance(1);

    const [alert, ...more] = alertsFor(t.sim, message.ts);
    expect(more).toHaveLength(0);
    expect(alert?.text).toContain('Response SLA breached');
    const alertBlocks = JSON.stringify(alert?.blocks);
    expect(alertBlocks).toContain('*Acme*');
    expect(alertBlocks).toContain(`<#${CHANNEL}|ext-acme>`);
    expect(alertBlocks).toContain('<1m late');
    expect(alertBlocks).toContain(ACTIONS.discard);
    expect(reactionsOn(t, message.ts)).toContain(EMOJI.slaBreach);
    const replies = t.sim.thread(CHANNEL, message.ts).slice(1);
    expect(replies.map((reply) => reply.text)).toEqual([
      expect.stringContaining('taking longer than we promised'),
    ]);
    const breached = await requestOf(t, message.ts);
    expect(breached?.sla.responseBreachedAt).toEqual(minutesAfter(FRIDAY_4PM_BERLIN, 60));
    expect(
      breached?.history.map((h: { type: string; to: string }) => `${h.type}:${h.to}`),
    ).toContain('sla_breach:response');
    expect(cardText(t, breached?.triage.ts)).toContain('⚠️ response SLA breached');

    await t.advance(24 * 60);
    expect(alertsFor(t.sim, message.ts)).toHaveLength(1);
  });

  it('never alerts when an agent answers before the deadline', async () => {
    const customer = newCustomer(t, 'U0ANSWERED');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'Where is my invoice?');
    await t.advance(45);
    await t.driver.agentSays(CHANNEL, AGENT, 'Sending it now', { thread_ts: message.ts });
    expect(await pendingFor(t, message.ts)).toEqual([]);
    await t.advance(3 * 60);
    expect(alertsFor(t.sim, message.ts)).toHaveLength(0);
    expect(reactionsOn(t, message.ts)).not.toContain(EMOJI.slaBreach);
    expect((await requestOf(t, message.ts))?.sla.responseBreachedAt).toBeNull();
  });

  it('never alerts about a request discarded before the deadline', async () => {
    const customer = newCustomer(t, 'U0DISCARDED');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'lol wrong channel');
    await click(t, message.ts, ACTIONS.discard);
    expect(await pendingFor(t, message.ts)).toEqual([]);
    await t.advance(2 * 60);
    expect(alertsFor(t.sim, message.ts)).toHaveLength(0);
  });

  it('marks the latest customer message with last_message', async () => {
    await setSettings(
      t,
      slaSettings({ sla_breach_config: { reaction: { message_ts_comparison: 'last_message' } } }),
    );
    const customer = newCustomer(t, 'U0FOLLOWUP');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'The API returns 500');
    await t.advance(10);
    const { message: followUp } = await t.driver.customerSays(CHANNEL, customer, 'Any news?', {
      thread_ts: message.ts,
    });
    await t.advance(50);
    expect(alertsFor(t.sim, message.ts)).toHaveLength(1);
    expect(reactionsOn(t, followUp.ts)).toContain(EMOJI.slaBreach);
    expect(reactionsOn(t, message.ts)).not.toContain(EMOJI.slaBreach);
  });

  it('gives a shorter SLA to requests created after the change, not to open ones', async () => {
    const { message: before } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0BEFORE'),
      'Question before the change',
    );
    const createdBefore = clock.now();
    await setSettings(t, slaSettings({ sla: 10 }));
    const { message: after } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0AFTER'),
      'Question after the change',
    );
    expect((await requestOf(t, before.ts))?.sla.responseDueAt).toEqual(
      minutesAfter(createdBefore.toISOString(), 60),
    );
    expect((await requestOf(t, after.ts))?.sla.responseDueAt).toEqual(
      minutesAfter(createdBefore.toISOString(), 10),
    );

    await t.advance(10);
    expect(alertsFor(t.sim, after.ts)).toHaveLength(1);
    expect(alertsFor(t.sim, before.ts)).toHaveLength(0);
    await t.advance(49);
    expect(alertsFor(t.sim, before.ts)).toHaveLength(0);
    await t.advance(1);
    expect(alertsFor(t.sim, before.ts)).toHaveLength(1);
  });
});

describe('the response SLA in business hours', () => {
  const clock = new VirtualClock(FRIDAY_4PM_BERLIN);
  let t: TestBot;
  beforeAll(async () => {
    t = await slaWorld(
      slaSettings({
        isEnabled: true,
        sla: 120,
        sla_channel: SLA_CHANNEL,
        workingHoursConfig: {
          isEnabled: true,
          timezone: 'Europe/Berlin',
          workingDays: [1, 2, 3, 4, 5],
          dailyWorkingHourConfig: true,
          dailyConfigurations: [1, 2, 3, 4, 5].map((day) => ({
            day,
            start: '09:00',
            end: '17:00',
          })),
        },
      }),
      clock,
    );
  });
  afterAll(() => t.stop());

  it('counts only working time: a Friday 16:00 request with 120 minutes falls due Monday 10:00', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Weekend outage?');
    // Fri 16:00 + 120 business min (Mon–Fri 09–17, Europe/Berlin) = Mon 10:00 (09:00Z)
    expect((await requestOf(t, message.ts))?.sla.responseDueAt).toEqual(
      new Date('2026-03-09T09:00:00Z'),
    );
    await advanceTo(t, clock, '2026-03-07T11:00:00Z'); // Saturday noon
    expect(alertsFor(t.sim, message.ts)).toHaveLength(0);
    await advanceTo(t, clock, '2026-03-09T08:59:00Z'); // Monday 09:59
    expect(alertsFor(t.sim, message.ts)).toHaveLength(0);
    await advanceTo(t, clock, '2026-03-09T09:00:00Z'); // Monday 10:00
    expect(alertsFor(t.sim, message.ts)).toHaveLength(1);
  });
});
