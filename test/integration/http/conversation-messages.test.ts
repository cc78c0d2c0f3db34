import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  CHANNEL,
  CUSTOMER,
  customerWorld,
  eventually,
  newRequest,
  requestOf,
} from '../../e2e/requests/world.js';

const PRIVATE = 'G0SECRET';
const path = (id: string) => `/api/v1/conversations/${id}/messages`;

/** The stored messages of a request, oldest first. */
const storedOf = (t: TestBot, requestId: unknown) =>
  t.db.collection('messages').find({ requestId }).sort({ ts: 1 }).toArray();

/**
 * `GET` and `POST /api/v1/conversations/{id}/messages` over HTTP: paging a long thread, a
 * private channel's hidden text, and a private note where there is no triage card.
 */
describe('/api/v1/conversations/{id}/messages', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
    // A private customer channel with no triage channel: its requests get no card.
    t.sim.addChannel({
      id: PRIVATE,
      name: 'ext-secret',
      is_private: true,
      is_ext_shared: true,
      members: [t.sim.botUserId, CUSTOMER, AGENT],
    });
    const account = await t.api('POST', '/api/v1/accounts', {
      name: 'Secret',
      channels: [PRIVATE],
    });
    expect(account.status).toBe(201);
  });
  afterAll(() => t.stop());

  it('shows the opening message and the newest 100 replies; `before` pages back', async () => {
    const root = await newRequest(t, 'U0LONG', 'A long story');
    const request = await requestOf(t, root.ts);
    const id = String(request?._id);
    for (let n = 1; n <= 101; n++) {
      await t.driver.customerSays(CHANNEL, 'U0LONG', `part ${n}`, { thread_ts: root.ts });
    }
    await eventually(async () => (await storedOf(t, request?._id)).length === 101);

    const page = await t.api('GET', path(id));
    expect(page.status).toBe(200);
    expect(page.body.meta).toEqual({ incoming_count: 102, outgoing_count: 0 });
    const texts = page.body.payload.map((m: { content: string }) => m.content);
    expect(texts).toHaveLength(101);
    expect([texts[0], texts[1], texts[100]]).toEqual(['A long story', 'part 2', 'part 101']);
    // The conversation itself carries the same messages.
    const one = await t.api('GET', `/api/v1/conversations/${id}`);
    expect(one.body.messages).toEqual(page.body.payload);

    const back = await t.api('GET', `${path(id)}?before=${page.body.payload[1].id}`);
    expect(back.status).toBe(200);
    expect(back.body.payload.map((m: { content: string }) => m.content)).toEqual(['part 1']);
    // A message of another conversation is no place to page from.
    const other = await newRequest(t, 'U0OTHER', 'Another story');
    const otherId = String((await requestOf(t, other.ts))?._id);
    const crossed = await t.api('GET', `${path(otherId)}?before=${page.body.payload[1].id}`);
    expect([crossed.status, crossed.body.error]).toEqual([404, 'not_found']);
  });

  it('answers null content where the private channel hides previews, and refuses a note with no card', async () => {
    t.sim.addUser({ id: 'U0HUSH', name: 'hush', team_id: 'T0ACME' });
    t.sim.joinChannel(PRIVATE, 'U0HUSH');
    const { message: root } = await t.driver.customerSays(PRIVATE, 'U0HUSH', 'Our merger plans');
    const request = await eventually(() =>
      t.db.collection('requests').findOne({ channelId: PRIVATE, rootTs: root.ts }),
    );
    await t.driver.customerSays(PRIVATE, 'U0HUSH', 'Details of the merger', {
      thread_ts: root.ts,
    });
    const [stored] = await eventually(async () => {
      const found = await storedOf(t, request._id);
      return found.length === 1 ? found : undefined;
    });
    expect(stored?.text).toBe('Details of the merger'); // stored for the support side …
    const id = String(request._id);

    const res = await t.api('GET', path(id));
    // … but hidden in the API, as on the card (hidePrivateChannelMetadata is on by default).
    expect(res.body.payload.map((m: { content: unknown }) => m.content)).toEqual([null, null]);
    const found = await t.api('GET', '/api/v1/conversations?status=all&q=merger');
    expect(found.body.data.payload.map((c: { id: string }) => c.id)).toEqual([id]);

    const note = await t.api('POST', path(id), { content: 'Ask legal', private: true });
    expect([note.status, note.body.detail]).toEqual([
      422,
      [
        {
          loc: ['body', 'private'],
          msg: 'the request has no triage card whose thread could hold a private note',
          type: 'value_error',
        },
      ],
    ]);
    expect(await storedOf(t, request._id)).toHaveLength(1);
    expect(t.sim.calls('chat.postMessage').filter((c) => c.params.text === 'Ask legal')).toEqual(
      [],
    );
  });
});
