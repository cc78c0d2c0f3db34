import { ACTIONS } from '../../../src/constants.js';
import { RequestActivity } from '../../../src/db/repositories/request-activity.js';
import { RequestStore } from '../../../src/db/repositories/requests.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  CHANNEL,
  CUSTOMER,
  CUSTOMER_2,
  TRIAGE,
  allRequests,
  botPosts,
  customerWorld,
  newCustomer,
  requestOf,
} from './world.js';

describe('a customer question becomes a tracked request', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      requests: {
        config: {
          use_customer_name_in_notifications: true,
          use_customer_logo_in_notifications: true,
        },
      },
    });
  });
  afterAll(() => t.stop());

  it('opens a request and posts one card with buttons to the triage channel', async () => {
    const { message, response } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER,
      'Our CSV export fails with a 500',
    );
    expect(response.status).toBe(200);
    const stored = await requestOf(t, message.ts);
    expect(stored).toMatchObject({
      status: 'open',
      requesterId: CUSTOMER,
      text: 'Our CSV export fails with a 500',
      assigneeId: null,
    });
    const cards = await t.sim.waitFor(
      () => botPosts(t, TRIAGE).length === 1 && botPosts(t, TRIAGE),
    );
    const card = cards[0];
    expect(card?.text).toContain(`<@${CUSTOMER}>`);
    const blocks = JSON.stringify(card?.blocks);
    expect(blocks).toContain('*Acme*');
    expect(blocks).toContain('https://acme.example/logo.png');
    expect(blocks).toContain('Our CSV export fails with a 500');
    expect(blocks).toContain(
      `https://slack.com/archives/${CHANNEL}/p${message.ts.replace('.', '')}`,
    );
    for (const id of [
      ACTIONS.assignToMe,
      ACTIONS.inProgress,
      ACTIONS.onHold,
      ACTIONS.close,
      ACTIONS.discard,
    ])
      expect(blocks).toContain(id);
    expect((await requestOf(t, message.ts))?.triage.ts).toBe(card?.ts);
    await t.sim.waitFor(() =>
      t.sim.reactionsOn(CHANNEL, message.ts).some((r) => r.name === 'large_yellow_circle'),
    );
  });

  it('groups a follow-up from the same customer within the grouping window', async () => {
    const before = (await allRequests(t)).length;
    const { message: first } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER_2,
      'Login page is slow',
    );
    const { message: second } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER_2,
      'Also the dashboard times out',
    );
    const requests = await allRequests(t);
    expect(requests).toHaveLength(before + 1);
    expect((await requestOf(t, first.ts))?.groupedTs).toEqual([second.ts]);
  });

  it('does not open requests for pleasantries or for agents', async () => {
    const before = (await allRequests(t)).length;
    await t.driver.customerSays(CHANNEL, newCustomer(t, 'U0NEWCUST'), 'thanks! 👍');
    await t.driver.agentSays(CHANNEL, AGENT, 'Heads-up: maintenance tonight');
    expect(await allRequests(t)).toHaveLength(before);
  });

  it('counts conversations and messages on the channel resource', async () => {
    const res = await t.api('GET', `/api/v1/channels/${CHANNEL}`);
    expect(res.body.total_conversations).toBe(2);
    expect(res.body.total_messages_received).toBeGreaterThanOrEqual(4);
    expect(res.body.total_messages_sent).toBeGreaterThanOrEqual(1);
  });

  it('creates one request and one card when Slack delivers the same event again and in parallel', async () => {
    const message = t.sim.postAsUser(
      CHANNEL,
      newCustomer(t, 'U0PARALLEL'),
      'Webhook deliveries are delayed',
    );
    const eventId = 'Ev0DUPLICATE';
    const responses = await Promise.all([
      t.driver.message(message, CHANNEL, { eventId }),
      t.driver.message(message, CHANNEL, { eventId, retryNum: 1, retryReason: 'http_timeout' }),
      t.driver.message(message, CHANNEL, { eventId, retryNum: 2, retryReason: 'http_timeout' }),
    ]);
    expect(responses.some((r) => r.status === 200)).toBe(true);
    // A copy with a different event id (Slack sometimes sends one) is caught by the unique root.
    await t.driver.message(message, CHANNEL, { eventId: 'Ev0OTHERCOPY' });
    const stored = await t.db.collection('requests').find({ rootTs: message.ts }).toArray();
    expect(stored).toHaveLength(1);
    await t.sim.waitFor(() =>
      botPosts(t, TRIAGE).some((m) => JSON.stringify(m.blocks).includes('Webhook deliveries')),
    );
    expect(
      botPosts(t, TRIAGE).filter((m) => JSON.stringify(m.blocks).includes('Webhook deliveries')),
    ).toHaveLength(1);
  });

  it('updates the request when the customer edits the message and discards it when deleted', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0EDITOR'),
      'Can you reset my pasword?',
    );
    await t.driver.messageChanged(CHANNEL, message.ts, 'Can you reset my password?');
    expect((await requestOf(t, message.ts))?.text).toBe('Can you reset my password?');
    await t.sim.waitFor(() =>
      botPosts(t, TRIAGE).some((m) => JSON.stringify(m.blocks).includes('reset my password')),
    );
    await t.driver.messageDeleted(CHANNEL, message.ts);
    expect((await requestOf(t, message.ts))?.status).toBe('discarded');
  });

  it('discards the request when the customer deletes a question that has replies', async () => {
    const customer = newCustomer(t, 'U0REGRET');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'Our SSO cert expired');
    const cardTs = await t.sim.waitFor(() =>
      botPosts(t, TRIAGE).find((m) => JSON.stringify(m.blocks).includes('SSO cert expired')),
    );
    await t.driver.customerSays(CHANNEL, customer, 'It is the staging one', {
      thread_ts: message.ts,
    });
    // Slack keeps a tombstone in the root's place and sends `message_changed`, not `message_deleted`.
    await t.driver.messageDeleted(CHANNEL, message.ts);
    const stored = await requestOf(t, message.ts);
    expect(stored).toMatchObject({ status: 'discarded', text: 'Our SSO cert expired' });
    expect(stored?.history.at(-1)).toMatchObject({ type: 'status', to: 'discarded', by: 'bot' });
    const card = await t.sim.waitFor(() => {
      const now = t.sim.message(TRIAGE, cardTs.ts);
      return now?.text.startsWith('Discarded:') && now;
    });
    expect(JSON.stringify(card.blocks)).toContain('Our SSO cert expired');
    expect(card.blocks?.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('detection settings', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({ requests: { config: { block_request_detection: true } } });
  });
  afterAll(() => t.stop());

  it('opens nothing when request detection is blocked', async () => {
    await t.driver.customerSays(CHANNEL, CUSTOMER, 'Is anyone there?');
    expect(await allRequests(t)).toHaveLength(0);
    expect(botPosts(t, TRIAGE)).toHaveLength(0);
  });

  it('ignores bots unless white-listed', async () => {
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      reset: ['requests.config.block_request_detection'],
    });
    const ignored = t.sim.postAsBot(CHANNEL, 'Build failed', {}) as never as { ts: string };
    await t.driver.message(
      {
        ...(t.sim.message(CHANNEL, ignored.ts) as object),
        bot_id: 'B0OTHER',
        user: undefined,
      } as never,
      CHANNEL,
    );
    expect(await allRequests(t)).toHaveLength(0);
    await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { config: { white_listed_bots: ['B0FORMS'] } } },
    });
    const listed = t.sim.postAsBot(CHANNEL, 'New form submission: refund please', {}) as never as {
      ts: string;
    };
    await t.driver.message(
      {
        ...(t.sim.message(CHANNEL, listed.ts) as object),
        bot_id: 'B0FORMS',
        user: undefined,
      } as never,
      CHANNEL,
    );
    expect(await allRequests(t)).toHaveLength(1);
  });

  it('opens a request for a follow-up whose request was closed while it was being grouped', async () => {
    const { message: first } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0RACER'),
      'Exports fail with a 500',
    );
    const request = await requestOf(t, first.ts);
    // The race: the follow-up is judged part of the live request, then an agent closes it
    // before the follow-up is written to it.
    const store = RequestActivity.prototype;
    const group = store.group;
    const requests = new RequestStore(t.bot.deps.models);
    store.group = async function (this: RequestActivity, ...args: Parameters<typeof group>) {
      await requests.transition(request!._id, 'closed', AGENT, new Date());
      return group.apply(this, args);
    };
    let second;
    try {
      ({ message: second } = await t.driver.customerSays(CHANNEL, 'U0RACER', 'Also imports'));
    } finally {
      store.group = group;
    }
    expect(await requestOf(t, first.ts)).toMatchObject({ status: 'closed', groupedTs: [] });
    expect(await requestOf(t, second.ts)).toMatchObject({ status: 'open', text: 'Also imports' });
  });
});
