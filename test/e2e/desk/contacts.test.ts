import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  click,
  customerWorld,
  eventually,
  requestOf,
} from '../requests/world.js';

const ERIN = 'U0ERIN';
const FRANK = 'U0FRANK';

describe('a customer who opens a request becomes a contact of the workspace', () => {
  let t: TestBot;
  /** Erin's first request. */
  let first: { _id: unknown; rootTs: string };
  const contacts = () => t.db.collection('contacts');
  const contactOf = (userId: string) => contacts().findOne({ userId });
  /** A customer's new top-level message, once its request's card is up. */
  const ask = async (user: string, text: string) => {
    const { message } = await t.driver.customerSays(CHANNEL, user, text);
    return eventually(async () => {
      const request = await requestOf(t, message.ts);
      return request?.triage.ts ? request : undefined;
    });
  };
  const person = (id: string, profile: Record<string, string> = {}) => {
    t.sim.addUser({ id, name: id.slice(2).toLowerCase(), team_id: 'T0ACME', profile } as never);
    t.sim.joinChannel(CHANNEL, id);
  };

  beforeAll(async () => {
    t = await customerWorld(undefined, { clock: new VirtualClock('2026-03-02T10:00:00Z') });
    person(ERIN, {
      display_name: 'Erin E.',
      real_name: 'Erin Example',
      email: 'erin@acme.example',
    });
    person(FRANK);
  });
  afterAll(() => t.stop());

  it('records the customer with their Slack name, address and account, and lists their request', async () => {
    const request = await ask(ERIN, 'Our March invoices are missing');
    first = request as never;
    const contact = await eventually(() => contactOf(ERIN));
    const account = await t.db.collection('accounts').findOne({ name: 'Acme' });
    expect(contact).toMatchObject({
      teamId: t.teamId,
      identity: `slack:${ERIN}`,
      name: 'Erin E.',
      email: 'erin@acme.example',
      accountId: account?._id,
      lastActivityAt: new Date('2026-03-02T10:00:00Z'),
    });
    const shown = await t.api('GET', `/api/v1/contacts/${String(contact._id)}`);
    expect(shown.body.payload).toMatchObject({
      name: 'Erin E.',
      email: 'erin@acme.example',
      identifier: ERIN,
      additional_attributes: { account_id: String(account?._id), account_name: 'Acme' },
      custom_attributes: {},
    });
    const listed = await t.api('GET', `/api/v1/contacts/${String(contact._id)}/conversations`);
    expect(listed.status).toBe(200);
    expect(listed.body.payload).toEqual([
      expect.objectContaining({
        id: String(request._id),
        meta: expect.objectContaining({ sender: { id: ERIN } }),
      }),
    ]);
  });

  it('keeps one contact per customer: a second request adds none, and refreshes activity only after a while', async () => {
    await click(t, first.rootTs, ACTIONS.close, AGENT);
    await eventually(async () => (await requestOf(t, first.rootTs))?.status === 'closed');
    const second = await ask(ERIN, 'Now the credit notes are missing too');
    // Recorded minutes ago by this instance: no write for this request.
    const contact = await contactOf(ERIN);
    expect(await contacts().countDocuments({ userId: ERIN })).toBe(1);
    expect(contact?.lastActivityAt).toEqual(new Date('2026-03-02T10:00:00Z'));

    await click(t, second.rootTs, ACTIONS.close, AGENT);
    await eventually(async () => (await requestOf(t, second.rootTs))?.status === 'closed');
    await t.advance(10);
    const third = await ask(ERIN, 'And a question about seats');
    await eventually(async () => (await contactOf(ERIN))?.lastActivityAt > contact?.lastActivityAt);
    expect(await contacts().countDocuments({ userId: ERIN })).toBe(1);
    const listed = await t.api('GET', `/api/v1/contacts/${String(contact?._id)}/conversations`);
    expect(listed.body.meta).toEqual({ count: 3, current_page: 1 });
    expect(listed.body.payload.map((c: { id: string }) => c.id)).toEqual([
      String(third._id),
      String(second._id),
      String(first._id),
    ]);
  });

  it('records no contact for an agent’s message, top level or in a thread', async () => {
    const before = await t.db.collection('channels').findOne({ channelId: CHANNEL });
    const sent = before?.counters?.total_messages_sent ?? 0;
    const { message } = await t.driver.agentSays(CHANNEL, AGENT, 'Heads-up: maintenance tonight');
    await t.driver.agentSays(CHANNEL, AGENT, 'Looking into it', { thread_ts: message.ts });
    await eventually(async () => {
      const channel = await t.db.collection('channels').findOne({ channelId: CHANNEL });
      return channel?.counters?.total_messages_sent === sent + 2;
    });
    expect(await contactOf(AGENT)).toBeNull();
    expect(await contacts().countDocuments({})).toBe(1);
  });

  it('records a customer Slack could not describe without a name, and names them on a later request', async () => {
    t.sim.fail(
      'users.info',
      { error: 'fatal_error' },
      {
        times: 5,
        when: (params) => params.user === FRANK,
      },
    );
    const opened = await ask(FRANK, 'The export times out');
    const unnamed = await eventually(() => contactOf(FRANK));
    expect(unnamed.identity).toBe(`slack:${FRANK}`);
    const shown = await t.api('GET', `/api/v1/contacts/${String(unnamed._id)}`);
    expect(shown.body.payload).toMatchObject({ name: null, email: null, identifier: FRANK });
    t.sim.clearFaults();
    await click(t, opened.rootTs, ACTIONS.close, AGENT);
    await eventually(async () => (await requestOf(t, opened.rootTs))?.status === 'closed');
    await t.advance(10);
    await ask(FRANK, 'It times out again');
    const named = await eventually(async () => {
      const contact = await contactOf(FRANK);
      return contact?.name ? contact : undefined;
    });
    expect(named.name).toBe('frank');
    expect(await contacts().countDocuments({ userId: FRANK })).toBe(1);
  });
});

describe('a request an agent opens from their own suggested question', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({ requests: { config: { send_suggestedrequest_message: true } } });
  });
  afterAll(() => t.stop());

  it('makes no contact of the agent', async () => {
    const { message } = await t.driver.agentSays(CHANNEL, AGENT, 'Can you send us the logs?');
    const suggestion = await eventually(() =>
      t.db
        .collection('suggestions')
        .findOne({ channelId: CHANNEL, ts: message.ts, post: { $ne: null } }),
    );
    await t.driver.action({
      user: AGENT_2,
      action_id: ACTIONS.suggestionCreate,
      channel: suggestion.post.channelId,
      message_ts: suggestion.post.ts,
      value: String(suggestion._id),
    });
    const request = await eventually(async () => {
      const opened = await requestOf(t, message.ts);
      return opened?.triage.ts ? opened : undefined;
    });
    expect(request.requesterId).toBe(AGENT);
    // A customer's request after it is recorded: the agent's was not.
    await t.driver.customerSays(CHANNEL, CUSTOMER, 'Our export is broken');
    await eventually(() => t.db.collection('contacts').findOne({ userId: CUSTOMER }));
    expect(await t.db.collection('contacts').findOne({ userId: AGENT })).toBeNull();
  });
});
