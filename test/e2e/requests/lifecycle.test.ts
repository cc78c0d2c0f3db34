import { ACTIONS } from '../../../src/constants.js';
import { ERRORS } from '../../../src/errors.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  TRIAGE,
  botPosts,
  click,
  customerWorld,
  eventually,
  newCustomer,
  requestOf,
} from './world.js';

const statusOf = async (t: TestBot, ts: string) => (await requestOf(t, ts))?.status;
const cardOf = (t: TestBot, cardTs: string) => t.sim.message(TRIAGE, cardTs);
const threadTexts = (t: TestBot, ts: string) =>
  t.sim
    .thread(CHANNEL, ts)
    .slice(1)
    .map((m) => m.text);

describe('working a request from the triage card', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      requests: {
        config: {
          send_status_updates_on_request_thread: true,
          send_assigned_to_notification_to_user: true,
        },
      },
    });
  });
  afterAll(() => t.stop());

  it('moves through assign, in progress, on hold and close, updating the one card in place', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER,
      'Invoices are missing for March',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    const cardTs = (await requestOf(t, message.ts))?.triage.ts as string;

    await click(t, message.ts, ACTIONS.assignToMe, AGENT);
    expect((await requestOf(t, message.ts))?.assigneeId).toBe(AGENT);
    await t.sim.waitFor(() =>
      JSON.stringify(cardOf(t, cardTs)?.blocks).includes(`assigned to <@${AGENT}>`),
    );
    await t.sim.waitFor(
      () => t.sim.imWith(AGENT) && t.sim.messages(t.sim.imWith(AGENT)!.id).length > 0,
    );

    await click(t, message.ts, ACTIONS.inProgress);
    expect(await statusOf(t, message.ts)).toBe('in_progress');
    await click(t, message.ts, ACTIONS.onHold);
    expect(await statusOf(t, message.ts)).toBe('on_hold');
    await click(t, message.ts, ACTIONS.close);
    expect(await statusOf(t, message.ts)).toBe('closed');
    await t.sim.waitFor(() => JSON.stringify(cardOf(t, cardTs)?.blocks).includes('Closed'));

    expect(
      botPosts(t, TRIAGE).filter((m) => JSON.stringify(m.blocks).includes('Invoices are missing')),
    ).toHaveLength(1);
    await t.sim.waitFor(() => threadTexts(t, message.ts).length === 3);
    expect(threadTexts(t, message.ts)).toEqual([
      `This request is now *In progress* by <@${AGENT}>.`,
      `This request is now *On hold* by <@${AGENT}>.`,
      `This request is now *Closed* by <@${AGENT}>.`,
    ]);
    const reactions = t.sim.reactionsOn(CHANNEL, message.ts).map((r) => r.name);
    expect(reactions).toEqual(['white_check_mark']);
    const history = (await requestOf(t, message.ts))?.history.map(
      (h: { type: string; to: string }) => `${h.type}:${h.to}`,
    );
    expect(history).toEqual([
      'status:open',
      `assign:${AGENT}`,
      'status:in_progress',
      'status:on_hold',
      'status:closed',
    ]);
  });

  it('refuses an impossible move with an ephemeral and changes nothing', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0DISCARD'),
      'Spam spam spam',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    await click(t, message.ts, ACTIONS.discard);
    expect(await statusOf(t, message.ts)).toBe('discarded');
    await click(t, message.ts, ACTIONS.close);
    expect(await statusOf(t, message.ts)).toBe('discarded');
    await t.sim.waitFor(() =>
      t.sim.ephemerals(TRIAGE, AGENT).some((e) => e.text.includes('cannot be moved to closed')),
    );
  });

  it('tells the agent, in an ephemeral, that the request behind a card is gone', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0GONE'),
      'Please delete my data',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    const request = await requestOf(t, message.ts);
    const cardTs = request?.triage.ts as string;
    await t.db.collection('requests').deleteOne({ _id: request?._id });

    const res = await t.driver.action({
      user: AGENT_2,
      action_id: ACTIONS.inProgress,
      channel: TRIAGE,
      message_ts: cardTs,
      value: String(request?._id),
    } as never);

    // The app.error handler answers: the click is acknowledged (Slack shows no failure of its
    // own) and the agent reads the code's sentence, not the error.
    expect(res.status).toBe(200);
    const told = await t.sim.waitFor(() =>
      t.sim.ephemerals(TRIAGE, AGENT_2).find((e) => e.text.includes(ERRORS.request_not_found.say)),
    );
    expect(told.text).toBe(`:warning: ${ERRORS.request_not_found.say}`);
    expect(t.sim.ephemerals(TRIAGE, AGENT_2)).toHaveLength(1);
  });

  it('takes two agents clicking Assign to me at once as one assignment', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0RACE'),
      'Both of you, help!',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    await Promise.all([
      click(t, message.ts, ACTIONS.assignToMe, AGENT),
      click(t, message.ts, ACTIONS.assignToMe, AGENT_2),
    ]);
    const stored = await requestOf(t, message.ts);
    expect(
      stored?.history.filter((h: { type: string }) => h.type === 'assign').length,
    ).toBeGreaterThanOrEqual(1);
    expect([AGENT, AGENT_2]).toContain(stored?.assigneeId);
  });

  it('shows the newest status on the card when an older redraw reaches Slack last', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0LATE'),
      'Our exports are stuck',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    const cardTs = (await requestOf(t, message.ts))?.triage.ts as string;
    // The On hold redraw is held on its way to Slack until the Close redraw has arrived.
    let arrive!: () => void;
    const closeArrived = new Promise<void>((resolve) => (arrive = resolve));
    t.sim.fail('chat.update', { delay: true, until: closeArrived });
    const updatesBefore = t.sim.calls('chat.update').length;
    const onHold = click(t, message.ts, ACTIONS.onHold, AGENT);
    await eventually(async () => (await statusOf(t, message.ts)) === 'on_hold' || undefined);
    await click(t, message.ts, ACTIONS.close, AGENT_2);
    await t.sim.waitFor(() => t.sim.calls('chat.update').length > updatesBefore);
    arrive();
    await onHold;

    expect(await statusOf(t, message.ts)).toBe('closed');
    await t.sim.waitFor(() => JSON.stringify(cardOf(t, cardTs)?.blocks).includes('*Closed*'));
    expect(JSON.stringify(cardOf(t, cardTs)?.blocks)).not.toContain('*On hold*');
  });
});

describe('replies in the request thread', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      requests: {
        config: {
          auto_assign_request_to_first_responder: true,
          send_auto_assigned_ephemeral: true,
        },
      },
    });
  });
  afterAll(() => t.stop());

  it('records the first agent reply as the first response, assigns the responder and starts work', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'SSO login loops forever');
    await t.driver.agentSays(CHANNEL, AGENT, 'Looking into it now', { thread_ts: message.ts });
    const stored = await requestOf(t, message.ts);
    expect(stored?.firstResponseAt).toBeInstanceOf(Date);
    expect(stored?.assigneeId).toBe(AGENT);
    expect(stored?.status).toBe('in_progress');
    await t.sim.waitFor(() =>
      t.sim.ephemerals(CHANNEL, AGENT).some((e) => e.text.includes('automatically assigned')),
    );
    await t.driver.agentSays(CHANNEL, AGENT_2, 'Me too', { thread_ts: message.ts });
    expect((await requestOf(t, message.ts))?.assigneeId).toBe(AGENT);
  });

  it('moves an on-hold request back to in progress when the customer replies', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0HOLD'),
      'Need a data export',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    await click(t, message.ts, ACTIONS.onHold);
    await t.driver.customerSays(CHANNEL, 'U0HOLD', 'Here is the info you asked for', {
      thread_ts: message.ts,
    });
    expect(await statusOf(t, message.ts)).toBe('in_progress');
  });

  it('reopens a closed request when the customer replies', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0REOPEN'),
      'Billing question',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    await click(t, message.ts, ACTIONS.close);
    await t.driver.customerSays(CHANNEL, 'U0REOPEN', 'Actually one more thing', {
      thread_ts: message.ts,
    });
    expect(await statusOf(t, message.ts)).toBe('open');
  });

  it('opens a new request instead when reopening is off', async () => {
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { config: { reopen_closed_requests: false } } },
    });
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0NOREOPEN'),
      'Question about seats',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    await click(t, message.ts, ACTIONS.close);
    const { message: reply } = await t.driver.customerSays(
      CHANNEL,
      'U0NOREOPEN',
      'A different question',
      { thread_ts: message.ts },
    );
    expect(await statusOf(t, message.ts)).toBe('closed');
    expect((await requestOf(t, reply.ts))?.status).toBe('open');
  });
});

describe('emoji shortcuts on the customer message', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
  });
  afterAll(() => t.stop());

  it('assigns on 👀 and closes on ✅ by an agent, ignores the customer’s own reactions', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER,
      'Our API key stopped working',
    );
    await t.driver.reactionAdded(CHANNEL, message.ts, CUSTOMER, 'white_check_mark');
    expect(await statusOf(t, message.ts)).toBe('open');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'eyes');
    expect((await requestOf(t, message.ts))?.assigneeId).toBe(AGENT);
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'white_check_mark');
    expect(await statusOf(t, message.ts)).toBe('closed');
  });
});

describe('automatic responses and assignment', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      requests: {
        config: {
          auto_respond_to_requests: true,
          message_for_auto_respond_to_requests: 'Thanks, we are on it!',
          use_csm_avatar_for_auto_respond_to_requests: true,
          auto_assign_to_csm: true,
          send_request_detected_ephemeral_to_csm: true,
          send_first_request_notification: true,
        },
      },
    });
  });
  afterAll(() => t.stop());

  it('answers in the thread as the CSM, assigns the CSM and tells them', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Can we add 10 seats?');
    const reply = await t.sim.waitFor(() => t.sim.thread(CHANNEL, message.ts)[1]);
    expect(reply.text).toBe('Thanks, we are on it!');
    expect(reply.username).toBe('Cass');
    expect((await requestOf(t, message.ts))?.assigneeId).toBe('U0CSM');
    await t.sim.waitFor(() =>
      t.sim.ephemerals(CHANNEL, 'U0CSM').some((e) => e.text.includes('New request')),
    );
    await t.sim.waitFor(() => botPosts(t, TRIAGE).some((m) => m.text.includes('First request')));
  });
});

describe('Slack failures', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
  });
  afterAll(() => t.stop());

  it('keeps the request when the triage channel cannot be posted to, and posts the card on the next try', async () => {
    t.sim.fail('chat.postMessage', { error: 'not_in_channel' }, { times: 1 });
    const { message, response } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER,
      'Data looks stale',
    );
    expect(response.status).toBe(200);
    expect((await requestOf(t, message.ts))?.status).toBe('open');
    expect((await requestOf(t, message.ts))?.triage.ts).toBeNull();
    // Slack redelivers (or the card sweeper runs): the card is posted then, once.
    await t.driver.message(t.sim.message(CHANNEL, message.ts)!, CHANNEL, {
      eventId: 'Ev0REDELIVER',
    });
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    expect(botPosts(t, TRIAGE)).toHaveLength(1);
  });

  it('waits out a rate limit and posts the card once', async () => {
    t.sim.fail('chat.postMessage', { status: 429, retryAfter: 1 }, { times: 1 });
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0RATE'),
      'Dashboard is blank',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    expect(
      botPosts(t, TRIAGE).filter((m) => JSON.stringify(m.blocks).includes('Dashboard is blank')),
    ).toHaveLength(1);
  });
});

describe('ticket emoji', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
  });
  afterAll(() => t.stop());

  it('makes one ticket from 🎫 only when allowed', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER,
      'Please escalate the outage',
    );
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    expect((await requestOf(t, message.ts))?.ticket).toBeNull();
    await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { tickets: { config: { allow_ticket_creation_with_ticket_emoji: true } } },
    });
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT_2, 'ticket');
    await t.driver.reactionRemoved(CHANNEL, message.ts, AGENT, 'ticket');
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    const stored = await requestOf(t, message.ts);
    expect(stored?.ticket).toMatchObject({
      id: expect.stringMatching(/^TKT-[0-9A-F]{6}$/),
      createdBy: AGENT_2,
    });
    await t.sim.waitFor(() =>
      threadTexts(t, message.ts).some((text) => text.includes(stored?.ticket.id)),
    );
    expect(threadTexts(t, message.ts).filter((text) => text.includes(':ticket:'))).toHaveLength(1);
  });
});
