import { HOUSEKEEPING } from '../../../jobs/housekeeping.js';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import {
  AGENT,
  CHANNEL,
  TRIAGE,
  customerWorld,
  eventually,
  newCustomer,
  requestOf,
} from '../requests/world.js';

const START = '2026-03-02T10:00:00Z';
const DAY_MINUTES = 24 * 60;

/** The stored messages of a request, oldest first. */
const storedOf = (t: TestBot, requestId: unknown) =>
  t.db.collection('messages').find({ requestId }).sort({ ts: 1 }).toArray();

/**
 * A request of `customer` (a new person of the customer's organisation, so that no earlier
 * request groups it) and its id, once its triage card is up.
 */
async function opened(t: TestBot, customer: string, text: string) {
  const { message } = await t.driver.customerSays(CHANNEL, newCustomer(t, customer), text);
  const request = await eventually(async () => {
    const found = await requestOf(t, message.ts);
    return found?.triage.ts ? found : undefined;
  });
  return { root: message, request, id: String(request._id) };
}

describe('a request’s messages: stored from Slack, read and posted through the API', () => {
  let t: TestBot;
  let clock: VirtualClock;
  let agentToken: string;
  const agentApi = (method: string, path: string, body?: unknown) =>
    t.api(method, path, body, agentToken);

  beforeAll(async () => {
    clock = new VirtualClock(START);
    t = await customerWorld(undefined, { clock, env: { MESSAGE_RETENTION_DAYS: '30' } });
    agentToken = await createApiToken(t.bot.deps.models, 'T0SIM', AGENT, { role: 'agent' });
  });
  afterAll(() => t.stop());

  it('stores the customer’s and the agent’s thread replies, counted on the request', async () => {
    const { root, request, id } = await opened(t, 'U0CUSTA', 'Our export is broken');
    const thread = { thread_ts: root.ts };
    const customer = await t.driver.customerSays(
      CHANNEL,
      'U0CUSTA',
      'It fails on zanzibar.csv',
      thread,
    );
    const agent = await t.driver.agentSays(CHANNEL, AGENT, 'Looking into it', thread);

    const stored = await eventually(async () => {
      const found = await storedOf(t, request._id);
      return found.length === 2 ? found : undefined;
    });
    expect(stored.map((m) => [m.ts, m.kind, m.userId, m.text, m.private])).toEqual([
      [customer.message.ts, 'incoming', 'U0CUSTA', 'It fails on zanzibar.csv', false],
      [agent.message.ts, 'outgoing', AGENT, 'Looking into it', false],
    ]);
    const after = await eventually(async () => {
      const found = await requestOf(t, root.ts);
      return found?.status === 'in_progress' ? found : undefined;
    });
    expect(after.messageCounts).toEqual({ incoming: 1, outgoing: 1 });
    expect(after.firstResponseAt).toBeInstanceOf(Date); // the agent's reply still answers it

    // A redelivered event stores nothing twice.
    await t.driver.message(customer.message, CHANNEL, { retryNum: 1, retryReason: 'http_timeout' });
    expect(await storedOf(t, request._id)).toHaveLength(2);
    expect((await requestOf(t, root.ts))?.messageCounts).toEqual({ incoming: 1, outgoing: 1 });

    const res = await t.api('GET', `/api/v1/conversations/${id}`);
    expect(res.status).toBe(200);
    expect(
      res.body.messages.map((m: Record<string, unknown>) => [m.content, m.message_type, m.sender]),
    ).toEqual([
      ['Our export is broken', 'incoming', { id: 'U0CUSTA' }],
      ['It fails on zanzibar.csv', 'incoming', { id: 'U0CUSTA' }],
      ['Looking into it', 'outgoing', { id: AGENT }],
    ]);
    expect(res.body.messages[1]).toEqual({
      id: String(stored[0]?._id),
      content: 'It fails on zanzibar.csv',
      message_type: 'incoming',
      created_at: Math.floor(Date.parse(START) / 1000),
      private: false,
      sender: { id: 'U0CUSTA' },
      conversation_id: id,
      content_attributes: { edited: false, deleted: false, expired: false },
    });

    // q finds a word of a reply (the request's own text does not have it); any case.
    const found = await t.api('GET', '/api/v1/conversations?status=all&q=ZANZIBAR');
    expect(found.body.data.payload.map((c: { id: string }) => c.id)).toEqual([id]);
    const none = await t.api('GET', '/api/v1/conversations?status=all&q=timbuktu');
    expect(none.body.data.payload).toEqual([]);
  });

  it('applies an edit and a deletion made in Slack, and keeps the deleted message counted', async () => {
    const { root, request, id } = await opened(t, 'U0CUSTB', 'Billing page is blank');
    const thread = { thread_ts: root.ts };
    const typo = await t.driver.customerSays(CHANNEL, 'U0CUSTB', 'On Chorme', thread);
    const oops = await t.driver.customerSays(CHANNEL, 'U0CUSTB', 'my password is hunter2', thread);
    await eventually(async () => (await storedOf(t, request._id)).length === 2);

    // Slack's change when it unfurls a link keeps the text: no edit.
    await t.driver.messageChanged(CHANNEL, typo.message.ts, 'On Chorme');
    expect((await storedOf(t, request._id))[0]?.editedAt).toBeNull();
    await t.driver.messageChanged(CHANNEL, typo.message.ts, 'On Chrome');
    await t.driver.messageDeleted(CHANNEL, oops.message.ts);

    const [edited, deleted] = await storedOf(t, request._id);
    expect([edited?.text, edited?.editedAt]).toEqual(['On Chrome', expect.any(Date)]);
    expect([deleted?.text, deleted?.deletedAt]).toEqual([null, expect.any(Date)]);
    const after = await requestOf(t, root.ts);
    expect([after?.status, after?.text]).toEqual(['open', 'Billing page is blank']); // the request stays
    expect(after?.messageCounts).toEqual({ incoming: 2, outgoing: 0 });

    const res = await t.api('GET', `/api/v1/conversations/${id}/messages`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ incoming_count: 3, outgoing_count: 0 });
    expect(
      res.body.payload.map((m: { content: string | null; content_attributes: unknown }) => [
        m.content,
        m.content_attributes,
      ]),
    ).toEqual([
      ['Billing page is blank', { edited: false, deleted: false, expired: false }],
      ['On Chrome', { edited: true, deleted: false, expired: false }],
      [null, { edited: false, deleted: true, expired: false }],
    ]);
    // Nothing searches a deleted message's words.
    const found = await t.api('GET', '/api/v1/conversations?status=all&q=hunter2');
    expect(found.body.data.payload).toEqual([]);
  });

  it('posts a public message into the customer thread as the agent’s reply', async () => {
    const { root, request, id } = await opened(t, 'U0CUSTC', 'Where is my invoice?');

    const res = await agentApi('POST', `/api/v1/conversations/${id}/messages`, {
      content: 'Sent it again just now.',
    });

    expect(res.status).toBe(200);
    const [posted, notice] = t.sim.thread(CHANNEL, root.ts).slice(1);
    expect(posted).toMatchObject({
      text: 'Sent it again just now.',
      username: 'alice', // under the agent's name, as a canned response is
      bot_id: t.sim.botId,
    });
    expect(notice?.text).toBe(`This request is now *In progress* by <@${AGENT}>.`);
    const [stored] = await storedOf(t, request._id);
    expect(res.body).toEqual({
      id: String(stored?._id),
      content: 'Sent it again just now.',
      message_type: 'outgoing',
      created_at: expect.any(Number),
      private: false,
      sender: { id: AGENT },
      conversation_id: id,
      content_attributes: { edited: false, deleted: false, expired: false },
    });
    expect([stored?.ts, stored?.channelId, stored?.private]).toEqual([posted?.ts, CHANNEL, false]);
    const after = await requestOf(t, root.ts);
    expect(after?.firstResponseAt).toBeInstanceOf(Date);
    expect(after?.messageCounts).toEqual({ incoming: 0, outgoing: 1 });
  });

  it('posts a private note only in the triage card’s thread; it is no response', async () => {
    const { root, request, id } = await opened(t, 'U0CUSTD', 'Can we get an extra seat?');

    const res = await agentApi('POST', `/api/v1/conversations/${id}/messages`, {
      content: 'Check with sales before answering',
      private: true,
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ private: true, message_type: 'outgoing' });
    expect(t.sim.thread(CHANNEL, root.ts).slice(1)).toEqual([]); // the customer sees nothing
    const note = t.sim.thread(TRIAGE, request.triage.ts).slice(1);
    expect(note.map((m) => m.text)).toEqual(['Check with sales before answering']);
    const [stored] = await storedOf(t, request._id);
    expect([stored?.channelId, stored?.ts, stored?.private]).toEqual([TRIAGE, note[0]?.ts, true]);
    const after = await requestOf(t, root.ts);
    expect([after?.status, after?.firstResponseAt]).toEqual(['open', null]);
    expect(after?.messageCounts).toEqual({ incoming: 0, outgoing: 1 });
  });

  it('refuses bad content, unknown conversations and missing tokens, storing nothing', async () => {
    const { root, request, id } = await opened(t, 'U0CUSTE', 'Search is slow');
    const path = `/api/v1/conversations/${id}/messages`;
    const refusals: [unknown, string][] = [
      [{ content: '' }, 'content'],
      [{ content: '   ' }, 'content'],
      [{ content: 'x'.repeat(4001) }, 'content'],
      [{ content: 'hi', private: 'yes' }, 'private'],
      [{ content: 'hi', sender: 'U0OTHER' }, ''],
      [{}, 'content'],
    ];
    for (const [body, field] of refusals) {
      const res = await agentApi('POST', path, body);
      expect([res.status, res.body.error]).toEqual([422, 'validation_failed']);
      expect(res.body.detail[0].loc.join('.')).toBe(field ? `body.${field}` : 'body');
    }
    const unknown = await agentApi(
      'POST',
      '/api/v1/conversations/0123456789abcdef01234567/messages',
      {
        content: 'hi',
      },
    );
    expect([unknown.status, unknown.body.error]).toEqual([404, 'not_found']);
    const noToken = await t.api('POST', path, { content: 'hi' }, null);
    expect(noToken.status).toBe(401);
    const badToken = await t.api('GET', path, undefined, 'tri_not-a-token');
    expect(badToken.status).toBe(401);
    const notFound = await t.api('GET', '/api/v1/conversations/0123456789abcdef01234567/messages');
    expect(notFound.status).toBe(404);
    const badBefore = await t.api('GET', `${path}?before=0123456789abcdef01234567`);
    expect([badBefore.status, badBefore.body.error]).toEqual([404, 'not_found']);
    const malformedBefore = await t.api('GET', `${path}?before=last`);
    expect(malformedBefore.status).toBe(422);

    expect(await storedOf(t, request._id)).toEqual([]);
    expect(t.sim.thread(CHANNEL, root.ts).slice(1)).toEqual([]);
    expect((await requestOf(t, root.ts))?.messageCounts).toEqual({ incoming: 0, outgoing: 0 });
  });

  it('answers 502 and stores nothing when Slack refuses the post', async () => {
    const { root, request, id } = await opened(t, 'U0CUSTF', 'Export again');
    t.sim.fail('chat.postMessage', { error: 'not_in_channel' }, { times: 1 });

    const res = await agentApi('POST', `/api/v1/conversations/${id}/messages`, {
      content: 'On it',
    });

    expect([res.status, res.body.error]).toEqual([502, 'bad_gateway']);
    expect(await storedOf(t, request._id)).toEqual([]);
    const after = await requestOf(t, root.ts);
    expect([after?.firstResponseAt, after?.messageCounts]).toEqual([
      null,
      { incoming: 0, outgoing: 0 },
    ]);
  });

  it('blanks bodies older than MESSAGE_RETENTION_DAYS and keeps the messages and counts', async () => {
    const { root, request, id } = await opened(t, 'U0CUSTG', 'Old issue');
    await t.driver.customerSays(CHANNEL, 'U0CUSTG', 'Old detail about quasar', {
      thread_ts: root.ts,
    });
    await eventually(async () => (await storedOf(t, request._id)).length === 1);
    clock.advanceMinutes(29 * DAY_MINUTES);
    const { request: young } = await opened(t, 'U0CUSTH', 'Newer issue');
    await t.driver.customerSays(CHANNEL, 'U0CUSTH', 'Newer detail', { thread_ts: young.rootTs });
    await eventually(async () => (await storedOf(t, young._id)).length === 1);

    // 29 + 2 days: the first reply is 31 days old (past 30), the second 2 days.
    clock.advanceMinutes(2 * DAY_MINUTES);
    await t.bot.deps.timers.schedule(HOUSEKEEPING, HOUSEKEEPING, clock.now());
    await t.runDue();

    const [old] = await storedOf(t, request._id);
    expect([old?.text, old?.expiredAt]).toEqual([null, expect.any(Date)]);
    expect((await storedOf(t, young._id))[0]?.text).toBe('Newer detail');
    expect((await requestOf(t, root.ts))?.messageCounts).toEqual({ incoming: 1, outgoing: 0 });
    const res = await t.api('GET', `/api/v1/conversations/${id}/messages`);
    expect(res.body.meta).toEqual({ incoming_count: 2, outgoing_count: 0 });
    expect(res.body.payload[1]).toMatchObject({
      content: null,
      content_attributes: { edited: false, deleted: false, expired: true },
    });
    const found = await t.api('GET', '/api/v1/conversations?status=all&q=quasar');
    expect(found.body.data.payload).toEqual([]);
  });
});
