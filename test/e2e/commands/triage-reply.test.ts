import type { TestBot } from '../../support/bot.js';
import { triage } from './support.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  TRIAGE,
  customerWorld,
  eventually,
  newRequest,
  requestOf,
} from '../requests/world.js';

const linkOf = (ts: string) =>
  `https://sim-workspace.slack.com/archives/${CHANNEL}/p${ts.replace('.', '')}`;
const replies = (t: TestBot, ts: string) => t.sim.thread(CHANNEL, ts).slice(1);

/** What a refusal leaves behind: no post in the thread, no response recorded. */
async function expectNothingPosted(t: TestBot, rootTs: string) {
  expect(replies(t, rootTs)).toEqual([]);
  const stored = await requestOf(t, rootTs);
  expect([stored?.firstResponseAt, stored?.status]).toEqual([null, 'open']);
}

describe('/triage reply: a canned response in a request’s thread', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      requests: { config: { auto_assign_request_to_first_responder: true } },
    });
    t.sim.addUser({
      id: 'U0NAMED',
      name: 'nina',
      real_name: 'Nina Named',
      team_id: 'T0ACME',
      profile: { display_name: 'Nina' },
    });
    t.sim.joinChannel(CHANNEL, 'U0NAMED');
    const responses = [
      [
        'refund',
        'Hi {{customer.name}}, {{agent.name}} here: your refund for {{ request.id }} is on its way. {{order.number}}',
      ],
      ['refund-eu', 'EU refunds take 5 days.'],
      ['hello', 'Hello!'],
    ];
    for (const [short_code, content] of responses) {
      const res = await t.api('POST', '/api/v1/canned_responses', { short_code, content });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.stop());

  it('posts the filled response under the agent’s name and counts it as their first reply', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, 'U0NAMED', 'Where is my refund?');
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    const id = String((await requestOf(t, message.ts))?._id);

    const reply = await triage(t, AGENT, TRIAGE, `reply refund <${linkOf(message.ts)}>`);

    expect(reply.text).toBe(
      `:speech_balloon: Posted \`refund\` in the thread of the request from <@U0NAMED> in <#${CHANNEL}>.`,
    );
    const [posted, notice, ...more] = replies(t, message.ts);
    // As after an agent's own first reply: the request moves to in progress, and the thread hears it.
    expect(notice?.text).toBe(`This request is now *In progress* by <@${AGENT}>.`);
    expect(more).toEqual([]);
    expect(posted).toMatchObject({
      text: `Hi Nina, alice here: your refund for ${id} is on its way. {{order.number}}`,
      username: 'alice', // the agent's display name (the simulator's default is the user name)
      icons: { image_48: `https://avatars.slack-edge.test/${AGENT}_72.png` }, // the agent's picture
      bot_id: t.sim.botId,
    });
    const stored = await requestOf(t, message.ts);
    expect(stored?.firstResponseAt).toBeInstanceOf(Date);
    expect(stored?.assigneeId).toBe(AGENT); // auto_assign_request_to_first_responder
    expect(stored?.status).toBe('in_progress');
    expect(stored?.history.map((h: { type: string; by: string }) => [h.type, h.by])).toContainEqual(
      ['first_response', AGENT],
    );
    const channel = await t.db.collection('channels').findOne({ channelId: CHANNEL });
    expect(channel?.counters.total_messages_sent).toBe(1);
  });

  it('takes the request id, any case of the code, and says "there" for a customer Slack does not know', async () => {
    const message = await newRequest(t, 'U0GONE', 'Hello?');
    const stored = await requestOf(t, message.ts);
    await t.db
      .collection('requests')
      .updateOne({ _id: stored?._id }, { $set: { requesterId: 'U0NOBODY' } });
    await triage(t, AGENT_2, CHANNEL, `reply REFUND ${String(stored?._id)}`);
    const [posted] = replies(t, message.ts);
    expect(posted?.text).toMatch(/^Hi there, bob here: /);
    expect((await requestOf(t, message.ts))?.firstResponseAt).toBeInstanceOf(Date);
  });

  it('lists the workspace’s codes with no argument, and says which request is wanted with a code alone', async () => {
    const list = await triage(t, AGENT, TRIAGE, 'reply');
    expect(list.text).toBe('Canned responses of this workspace: `hello`, `refund`, `refund-eu`');
    const alone = await triage(t, AGENT, TRIAGE, 'reply refund');
    expect(alone.text).toContain('Say which request');
    expect(alone.text).toContain('Usage: `/triage reply');
  });

  it('refuses an unknown code with the close ones, and posts nothing', async () => {
    const message = await newRequest(t, 'U0TYPO', 'Refund please');
    const reply = await triage(t, AGENT, TRIAGE, `reply refnd ${linkOf(message.ts)}`);
    expect(reply.text).toBe(
      ':warning: There is no canned response `refnd`; nothing was posted. Did you mean: `refund`, `refund-eu`?',
    );
    await expectNothingPosted(t, message.ts);
  });

  it('refuses a customer, and posts nothing', async () => {
    const message = await newRequest(t, 'U0SELFREPLY', 'Can I answer myself?');
    const reply = await triage(t, CUSTOMER, CHANNEL, `reply hello ${linkOf(message.ts)}`);
    expect(reply.text).toBe(
      ':no_entry: Only the support team can post canned responses. Nothing was posted.',
    );
    await expectNothingPosted(t, message.ts);
  });

  it('refuses a message that is no request, or text that names none, and posts nothing', async () => {
    const { message: chat } = await t.driver.agentSays(CHANNEL, AGENT, 'Good morning all');
    const notRequest = await triage(t, AGENT, TRIAGE, `reply hello ${linkOf(chat.ts)}`);
    expect(notRequest.text).toContain('is not a request the bot tracks, so nothing was posted');
    expect(t.sim.thread(CHANNEL, chat.ts).slice(1)).toEqual([]);
    const unknownId = await triage(t, AGENT, TRIAGE, 'reply hello 0123456789abcdef01234567');
    expect(unknownId.text).toContain('is not a request the bot tracks');
    const garbage = await triage(t, AGENT, TRIAGE, 'reply hello the-big-one');
    expect(garbage.text).toContain('"the-big-one" is not a request');
  });

  it('is listed by /triage help', async () => {
    const help = await triage(t, AGENT, TRIAGE, 'help');
    expect(help.text).toContain(
      '/triage reply [&lt;short code&gt; &lt;message link or request id&gt;]',
    );
  });
});
