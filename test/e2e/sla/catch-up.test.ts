import { catchUpCards, catchUpOverdue } from '../../../jobs/catch-up.js';
import { VirtualClock } from '../../support/clock.js';
import type { TestBot } from '../../support/bot.js';
import { CHANNEL, CUSTOMER, customerWorld, requestOf } from '../requests/world.js';

describe('catching up SLA deadlines whose job was lost', () => {
  let t: TestBot;
  const clock = new VirtualClock('2026-03-04T10:00:00Z');
  beforeAll(async () => {
    t = await customerWorld(
      { requests: { support: { response_sla: { isEnabled: true, sla: 30 } } } },
      { clock },
    );
  });
  afterAll(() => t.stop());

  it('records the breach once even when the pending job disappeared (a process killed mid-run)', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Nobody answered yet');
    // A crash while Agenda ran the job: its document no longer has a next run.
    await t.db.collection('agendaJobs').deleteMany({ name: 'response-sla' });
    clock.advanceMinutes(31);
    expect(await t.runDue()).toBe(0);
    expect(await catchUpOverdue(t.bot.deps)).toBe(1);
    expect(await catchUpOverdue(t.bot.deps)).toBe(0);
    expect((await requestOf(t, message.ts))?.sla.responseBreachedAt).toBeInstanceOf(Date);
  });
});

describe('catching up triage cards that never posted', () => {
  let t: TestBot;
  const clock = new VirtualClock('2026-03-04T10:00:00Z');
  beforeAll(async () => {
    t = await customerWorld(undefined, { clock });
  });
  afterAll(() => t.stop());

  it('posts the card once Slack recovers, after the grace period, and only once', async () => {
    t.sim.fail('chat.postMessage', { error: 'channel_not_found' }, { times: 1 });
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Is the API down?');
    expect((await requestOf(t, message.ts))?.triage.ts).toBeNull();
    expect(await catchUpCards(t.bot.deps)).toBe(0); // within the grace period the live path owns it
    clock.advanceMinutes(2);
    expect(await catchUpCards(t.bot.deps)).toBe(1);
    expect(await catchUpCards(t.bot.deps)).toBe(0);
    const stored = await requestOf(t, message.ts);
    expect(stored?.triage.ts).toEqual(expect.any(String));
    const cards = t.sim
      .messages('C0TRIAGE')
      .filter((m) => JSON.stringify(m.blocks).includes('Is the API down?'));
    expect(cards).toHaveLength(1);
  });
});

describe('a card posted by a process that died before storing it', () => {
  let t: TestBot;
  const clock = new VirtualClock('2026-03-04T10:00:00Z');
  beforeAll(async () => {
    t = await customerWorld(undefined, { clock });
  });
  afterAll(() => t.stop());

  it('adopts a card Slack accepted from a process that died before storing its ts', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER,
      'Can you restore our SSO login?',
    );
    const posted = await requestOf(t, message.ts);
    const cardTs = posted?.triage.ts;
    expect(cardTs).toEqual(expect.any(String));
    // What a SIGKILL between Slack's answer and the write leaves: a claim, no ts.
    await t.db
      .collection('requests')
      .updateOne({ _id: posted!._id }, { $set: { 'triage.ts': null, 'triage.channelId': null } });
    clock.advanceMinutes(2);
    expect(await catchUpCards(t.bot.deps)).toBe(1);
    const cards = t.sim
      .messages('C0TRIAGE')
      .filter((m) => JSON.stringify(m.blocks).includes('Can you restore our SSO login?'));
    expect(cards.map((c) => c.ts)).toEqual([cardTs]);
    expect((await requestOf(t, message.ts))?.triage).toMatchObject({
      ts: cardTs,
      channelId: 'C0TRIAGE',
    });
  });
});
