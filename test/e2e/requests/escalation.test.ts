import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { reactionEvent } from '../../support/slack/events.js';
import { triage } from '../commands/support.js';
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

/** Monday 2026-01-05, 09:00 UTC: the clock stands still until a test moves it. */
const START = '2026-01-05T09:00:00Z';
const ESCALATIONS = 'C0ESCALATE';
const THREAD_MESSAGE = 'We have escalated this to our on-call engineers.';
/** `<!date^…>` of 09:00 and 09:30 UTC on the start day (1767603600 = 2026-01-05T09:00Z). */
const AT_0900 = '<!date^1767603600^{date_short_pretty} at {time}|2026-01-05 09:00 UTC>';
const AT_0930 = '<!date^1767605400^{date_short_pretty} at {time}|2026-01-05 09:30 UTC>';

const settings = (config: Record<string, unknown>, coolOff = 30) => ({
  requests: { config },
  tickets: { config: { escalation_cool_off_period_in_min: coolOff } },
});
const linkOf = (ts: string) =>
  `https://sim-workspace.slack.com/archives/${CHANNEL}/p${ts.replace('.', '')}`;
const cardText = async (t: TestBot, rootTs: string) => {
  const request = await requestOf(t, rootTs);
  return JSON.stringify(t.sim.message(TRIAGE, request?.triage.ts as string)?.blocks);
};
const escalationPosts = (t: TestBot, channel = ESCALATIONS) =>
  botPosts(t, channel)
    .map((m) => JSON.stringify(m.blocks))
    .filter((text) => text.includes('escalated a request'));
const threadTexts = (t: TestBot, ts: string) =>
  t.sim
    .thread(CHANNEL, ts)
    .slice(1)
    .map((m) => m.text);

/** A new request by a new customer, with its triage card posted. */
async function newRequest(t: TestBot, customer: string, text: string) {
  const { message } = await t.driver.customerSays(CHANNEL, newCustomer(t, customer), text);
  await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
  return message;
}

/** What a refusal must leave behind: no mark, no history entry, no post. */
async function expectNotEscalated(t: TestBot, rootTs: string, channel = ESCALATIONS) {
  const stored = await requestOf(t, rootTs);
  expect(stored?.escalated).toMatchObject({ at: null, by: null, count: 0 });
  expect(stored?.history.map((h: { type: string }) => h.type)).not.toContain('escalation');
  expect(escalationPosts(t, channel).filter((p) => p.includes(linkOf(rootTs)))).toEqual([]);
}

describe('escalating a request', () => {
  let t: TestBot;
  let clock: VirtualClock;
  beforeAll(async () => {
    clock = new VirtualClock(START);
    t = await customerWorld(
      settings({
        is_request_escalation_enabled: true,
        message_for_request_escalation: THREAD_MESSAGE,
        send_request_escalation_message_channel: ESCALATIONS,
      }),
      { clock },
    );
    t.sim.addChannel({ id: ESCALATIONS, name: 'escalations', members: [t.sim.botUserId] });
  });
  afterAll(() => t.stop());

  it("escalates from the card's Escalate button: escalation channel, thread, card and request", async () => {
    const message = await newRequest(t, 'U0PAYROLL', 'Payroll export fails for everyone');
    expect(await cardText(t, message.ts)).toContain(ACTIONS.escalate);

    await click(t, message.ts, ACTIONS.escalate, AGENT);

    const posts = await t.sim.waitFor(() => escalationPosts(t).length === 1 && escalationPosts(t));
    expect(posts[0]).toContain(
      `<@${AGENT}> escalated a request from <@U0PAYROLL> in <#${CHANNEL}>: <${linkOf(message.ts)}|View request>`,
    );
    await t.sim.waitFor(() => threadTexts(t, message.ts).includes(THREAD_MESSAGE));
    await eventually(async () =>
      (await cardText(t, message.ts)).includes(`*Escalated* by <@${AGENT}> at ${AT_0900}`),
    );
    const stored = await requestOf(t, message.ts);
    expect(stored?.escalated).toEqual({
      at: new Date(START),
      by: AGENT,
      count: 1,
      reason: null,
    });
    expect(stored?.history.at(-1)).toMatchObject({ type: 'escalation', by: AGENT });
  });

  it('refuses a second escalation within the cool-off, saying when it is allowed, then allows it', async () => {
    const message = await newRequest(t, 'U0COOL', 'Our SSO is down');
    await click(t, message.ts, ACTIONS.escalate, AGENT);
    clock.advanceMinutes(10);
    await click(t, message.ts, ACTIONS.escalate, AGENT_2);

    const told = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, AGENT_2).at(-1));
    expect(told.text).toBe(
      `:hourglass: This request was already escalated by <@${AGENT}> at ${AT_0900}; ` +
        `it can be escalated again from ${AT_0930}. Nothing was changed.`,
    );
    expect((await requestOf(t, message.ts))?.escalated.count).toBe(1);

    clock.advanceMinutes(20); // 09:30: the cool-off is over
    await click(t, message.ts, ACTIONS.escalate, AGENT_2);
    const stored = await requestOf(t, message.ts);
    expect(stored?.escalated).toMatchObject({ by: AGENT_2, count: 2 });
    await eventually(async () =>
      (await cardText(t, message.ts)).includes(`by <@${AGENT_2}> at ${AT_0930} (2 times)`),
    );
    expect(escalationPosts(t).filter((p) => p.includes(linkOf(message.ts)))).toHaveLength(2);
    clock.set(START);
  });

  it('escalates on ‼️ by an agent on a reply in the thread, once however often Slack delivers it', async () => {
    const message = await newRequest(t, 'U0BANG', 'The dashboard shows no data');
    const { message: reply } = await t.driver.customerSays(CHANNEL, 'U0BANG', 'Still broken!', {
      thread_ts: message.ts,
    });
    await t.driver.reactionAdded(CHANNEL, reply.ts, AGENT, 'bangbang', { eventId: 'Ev0BANG1' });
    // Slack delivers the same event again (its retry after a slow ack).
    const event = reactionEvent(reply, AGENT, 'bangbang', true, reply.ts);
    await t.driver.event(event, { eventId: 'Ev0BANG1', retryNum: 1, retryReason: 'http_timeout' });

    expect((await requestOf(t, message.ts))?.escalated).toMatchObject({ by: AGENT, count: 1 });
    await t.sim.waitFor(() => threadTexts(t, message.ts).includes(THREAD_MESSAGE));
    expect(escalationPosts(t).filter((p) => p.includes(linkOf(message.ts)))).toHaveLength(1);
    expect(threadTexts(t, message.ts).filter((text) => text === THREAD_MESSAGE)).toHaveLength(1);
    expect(t.sim.ephemerals(CHANNEL, AGENT)).toEqual([]);
  });

  it('escalates with /triage escalate <link> and a reason, typed in any channel', async () => {
    const message = await newRequest(t, 'U0CMD', 'Invoices are doubled');
    const reply = await triage(
      t,
      AGENT,
      TRIAGE,
      `escalate <${linkOf(message.ts)}> Customer is billed twice & wants a refund`,
    );
    expect(reply.text).toBe(`:bangbang: Escalated the request from <@U0CMD> in <#${CHANNEL}>.`);
    const stored = await requestOf(t, message.ts);
    expect(stored?.escalated).toMatchObject({
      by: AGENT,
      count: 1,
      reason: 'Customer is billed twice & wants a refund',
    });
    expect(stored?.history.at(-1)).toMatchObject({
      type: 'escalation',
      to: 'Customer is billed twice & wants a refund',
    });
    const post = escalationPosts(t).find((p) => p.includes(linkOf(message.ts)));
    expect(post).toContain('>Customer is billed twice &amp; wants a refund');
    await t.sim.waitFor(() => threadTexts(t, message.ts).includes(THREAD_MESSAGE));
  });

  it("escalates with /triage escalate and a reply's link, or the request id", async () => {
    const first = await newRequest(t, 'U0CMD2', 'Webhooks stopped');
    const { message: answer } = await t.driver.agentSays(CHANNEL, AGENT, 'Checking', {
      thread_ts: first.ts,
    });
    const replyLink = `${linkOf(answer.ts)}?thread_ts=${first.ts}&cid=${CHANNEL}`;
    await triage(t, AGENT_2, CHANNEL, `escalate ${replyLink}`);
    expect((await requestOf(t, first.ts))?.escalated).toMatchObject({ by: AGENT_2, count: 1 });

    const second = await newRequest(t, 'U0CMD3', 'Exports are slow');
    const id = String((await requestOf(t, second.ts))?._id);
    await triage(t, AGENT, TRIAGE, `escalate ${id}`);
    expect((await requestOf(t, second.ts))?.escalated).toMatchObject({ by: AGENT, count: 1 });
  });

  it('refuses a customer, by ‼️ or by command, and writes nothing', async () => {
    const message = await newRequest(t, 'U0SELF', 'Please hurry');
    await t.driver.reactionAdded(CHANNEL, message.ts, 'U0SELF', 'bangbang');
    const told = await t.sim.waitFor(() => t.sim.ephemerals(CHANNEL, 'U0SELF').at(-1));
    expect(told.text).toBe(
      ':no_entry: Only the support team can escalate a request. Nothing was changed.',
    );
    const reply = await triage(t, CUSTOMER, CHANNEL, `escalate ${linkOf(message.ts)} now!`);
    expect(reply.text).toContain('Only the support team can escalate a request');
    await expectNotEscalated(t, message.ts);
  });

  it('refuses a closed request and writes nothing', async () => {
    const message = await newRequest(t, 'U0SHUT', 'Reset my password');
    await click(t, message.ts, ACTIONS.close, AGENT);
    expect(await cardText(t, message.ts)).not.toContain(ACTIONS.escalate);
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'bangbang');
    const told = await t.sim.waitFor(() => t.sim.ephemerals(CHANNEL, AGENT).at(-1));
    expect(told.text).toBe(
      ':no_entry: This request is closed; only an open request can be escalated. Nothing was changed.',
    );
    // A card clicked before it was redrawn still has the button.
    await click(t, message.ts, ACTIONS.escalate, AGENT);
    await t.sim.waitFor(() =>
      t.sim.ephemerals(TRIAGE, AGENT).some((e) => e.text.includes('This request is closed')),
    );
    await expectNotEscalated(t, message.ts);
  });

  it('answers a link that is no request, or no link, with what to paste', async () => {
    const chat = t.sim.postAsUser(CHANNEL, AGENT, 'Lunch at noon?');
    const notRequest = await triage(t, AGENT, TRIAGE, `escalate ${linkOf(chat.ts)}`);
    expect(notRequest.text).toContain('That message is not a request the bot tracks');
    const garbage = await triage(t, AGENT, TRIAGE, 'escalate the-big-one');
    expect(garbage.text).toContain('"the-big-one" is not a request');
    expect(garbage.text).toContain('Usage: `/triage escalate');
    const none = await triage(t, AGENT, TRIAGE, 'escalate');
    expect(none.text).toContain('Say which request');
  });

  it('takes two agents clicking Escalate at once as one escalation', async () => {
    const message = await newRequest(t, 'U0RACE2', 'Everything is on fire');
    await Promise.all([
      click(t, message.ts, ACTIONS.escalate, AGENT),
      click(t, message.ts, ACTIONS.escalate, AGENT_2),
    ]);
    const stored = await requestOf(t, message.ts);
    expect(stored?.escalated.count).toBe(1);
    expect(stored?.history.filter((h: { type: string }) => h.type === 'escalation')).toHaveLength(
      1,
    );
    expect(escalationPosts(t).filter((p) => p.includes(linkOf(message.ts)))).toHaveLength(1);
    const loser = stored?.escalated.by === AGENT ? AGENT_2 : AGENT;
    await t.sim.waitFor(() =>
      t.sim.ephemerals(TRIAGE, loser).some((e) => e.text.includes('already escalated')),
    );
    await t.sim.waitFor(() => threadTexts(t, message.ts).includes(THREAD_MESSAGE));
    expect(threadTexts(t, message.ts).filter((text) => text === THREAD_MESSAGE)).toHaveLength(1);
  });
});

describe('escalation settings', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld(settings({ is_request_escalation_enabled: true }, 0));
  });
  afterAll(() => t.stop());

  it('tells the triage channel when no escalation channel is set, and has no cool-off at 0', async () => {
    const message = await newRequest(t, 'U0DEFAULT', 'Cannot upload files');
    await click(t, message.ts, ACTIONS.escalate, AGENT);
    await click(t, message.ts, ACTIONS.escalate, AGENT_2);
    expect((await requestOf(t, message.ts))?.escalated).toMatchObject({ by: AGENT_2, count: 2 });
    await t.sim.waitFor(() => escalationPosts(t, TRIAGE).length === 2);
  });

  it('with escalation off: no Escalate button, and ‼️ and the command are refused', async () => {
    const off = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { config: { is_request_escalation_enabled: false } } },
    });
    expect(off.status).toBe(200);
    const message = await newRequest(t, 'U0OFF', 'Our API returns 500s');
    expect(await cardText(t, message.ts)).not.toContain(ACTIONS.escalate);

    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'bangbang');
    const told = await t.sim.waitFor(() => t.sim.ephemerals(CHANNEL, AGENT).at(-1));
    expect(told.text).toContain('Escalation is turned off for this channel');
    const reply = await triage(t, AGENT, TRIAGE, `escalate ${linkOf(message.ts)}`);
    expect(reply.text).toContain('Escalation is turned off for this channel');
    await expectNotEscalated(t, message.ts, TRIAGE);
  });
});
