import { ACTIONS, VIEWS } from '../../../src/constants.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import type { SimMessage } from '../../support/slack/types.js';
import {
  AGENT,
  CHANNEL,
  CUSTOMER,
  TRIAGE,
  botPosts,
  click,
  eventually,
  requestOf,
} from '../requests/world.js';
import {
  clickStatus,
  postedTicket,
  raiseTicket,
  TICKET_SETTINGS,
} from '../requests/tickets-world.js';

const FEEDBACK = 'C0FEEDBACK';

/**
 * #ext-acme (Slack Connect, Carol from Acme) linked to #triage, on a Monday morning, with a
 * #feedback channel for the team, and `config` as the channel's `requests.config`.
 */
async function world(config: Record<string, unknown>, features: Record<string, unknown> = {}) {
  const t = await startTestBot({ clock: new VirtualClock('2026-01-05T10:00:00+01:00') });
  t.sim.addUser({ id: CUSTOMER, name: 'carol', real_name: 'Carol Customer', team_id: 'T0ACME' });
  t.sim.addUser({ id: AGENT, name: 'alice', real_name: 'Alice Agent' });
  const members = [t.sim.botUserId, CUSTOMER, AGENT];
  t.sim.addChannel({ id: CHANNEL, name: 'ext-acme', is_ext_shared: true, members });
  t.sim.addChannel({ id: TRIAGE, name: 'triage', members: [t.sim.botUserId, AGENT] });
  t.sim.addChannel({ id: FEEDBACK, name: 'feedback', members: [t.sim.botUserId, AGENT] });
  const account = await t.api('POST', '/api/v1/accounts', { name: 'Acme', channels: [CHANNEL] });
  if (account.status !== 201) throw new Error(`account: ${account.text}`);
  const linked = await t.api('PUT', `/api/v1/channels/${CHANNEL}`, { triage_channel_id: TRIAGE });
  if (linked.status !== 200) throw new Error(`link: ${linked.text}`);
  const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
    update: { ...features, requests: { config } },
  });
  if (res.status !== 200) throw new Error(`settings: ${res.text}`);
  return t;
}

/** Carol asks; an agent closes the request from its triage card. */
async function askAndClose(t: TestBot, text: string): Promise<string> {
  const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, text);
  await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
  await click(t, message.ts, ACTIONS.close);
  return message.ts;
}

const hasRatingButtons = (m: { blocks?: unknown }) =>
  JSON.stringify(m.blocks ?? []).includes(`"${ACTIONS.feedbackRating}:`);

/** The bot's feedback prompts in the request's thread. */
const prompts = (t: TestBot, rootTs: string): SimMessage[] =>
  t.sim
    .thread(CHANNEL, rootTs)
    .filter((m) => m.user === t.sim.botUserId && m.ts !== rootTs && hasRatingButtons(m));

const buttonTexts = (m: { blocks?: unknown }) =>
  (m.blocks as { type: string; elements?: { action_id: string; text: { text: string } }[] }[])
    .find((b) => b.type === 'actions')
    ?.elements?.filter((e) => e.action_id.startsWith(`${ACTIONS.feedbackRating}:`))
    .map((e) => e.text.text) ?? [];

const rate = (t: TestBot, user: string, prompt: SimMessage, choice: string) =>
  t.driver.action({
    user,
    action_id: `${ACTIONS.feedbackRating}:${choice}`,
    channel: CHANNEL,
    message_ts: prompt.ts,
  });

const feedbackHistory = async (t: TestBot, rootTs: string) =>
  ((await requestOf(t, rootTs))?.history as { type: string; from: string; to: string }[]).filter(
    (h) => h.type === 'feedback',
  );

describe('CSAT on close with 👍 / 👎 in the thread', () => {
  let t: TestBot;
  let rootTs: string;
  beforeAll(async () => {
    t = await world({
      send_feedback: true,
      feedback_message: 'How did we do on this one?',
      send_request_feedback_received_message: true,
      send_request_feedback_received_message_channel: FEEDBACK,
    });
    rootTs = await askAndClose(t, 'Invoices are missing for March');
  });
  afterAll(() => t.stop());

  it('asks the feedback question in the thread with 👍 and 👎 when the request closes', () => {
    const [prompt, ...more] = prompts(t, rootTs);
    expect(more).toHaveLength(0);
    expect(prompt?.text).toBe('How did we do on this one?');
    expect(buttonTexts(prompt as SimMessage)).toEqual(['👍', '👎']);
  });

  it("refuses someone else's rating and stores nothing", async () => {
    await rate(t, AGENT, prompts(t, rootTs)[0] as SimMessage, 'down');
    expect(t.sim.ephemerals(CHANNEL, AGENT).map((e) => e.text)).toContain(
      'Only the person who asked can rate this.',
    );
    expect((await requestOf(t, rootTs))?.feedback).toBeNull();
    expect(botPosts(t, FEEDBACK)).toHaveLength(0);
  });

  it("stores the requester's 👍, thanks them in place of the question and tells the team", async () => {
    const prompt = prompts(t, rootTs)[0] as SimMessage;
    await rate(t, CUSTOMER, prompt, 'up');
    const stored = await requestOf(t, rootTs);
    expect(stored?.feedback).toMatchObject({ rating: 5, scale: '2_POINTS', text: null });
    expect(t.sim.message(CHANNEL, prompt.ts)?.text).toBe('Thanks for your feedback! (👍)');
    expect(botPosts(t, FEEDBACK).map((m) => m.text)).toEqual([
      expect.stringMatching(
        new RegExp(`^:speech_balloon: Feedback on .* from <@${CUSTOMER}> in <#${CHANNEL}>: 👍$`),
      ),
    ]);
  });

  it('changes the rating on a second click: still one rating, two feedback entries', async () => {
    await rate(t, CUSTOMER, prompts(t, rootTs)[0] as SimMessage, 'down');
    const stored = await requestOf(t, rootTs);
    expect(stored?.feedback).toMatchObject({ rating: 1, scale: '2_POINTS' });
    expect(await feedbackHistory(t, rootTs)).toMatchObject([
      { from: null, to: '5', by: CUSTOMER },
      { from: '5', to: '1', by: CUSTOMER },
    ]);
    expect(botPosts(t, FEEDBACK).at(-1)?.text).toMatch(/: 👎 \(changed from 👍\)$/);
    expect(t.sim.message(CHANNEL, prompts(t, rootTs)[0]!.ts)?.text).toBe(
      'Thanks for your feedback! (👎)',
    );
  });

  it('takes the same rating again as no change', async () => {
    await rate(t, CUSTOMER, prompts(t, rootTs)[0] as SimMessage, 'down');
    expect(await feedbackHistory(t, rootTs)).toHaveLength(2);
    expect(botPosts(t, FEEDBACK)).toHaveLength(2);
  });

  it('asks again when the request is reopened and closed again', async () => {
    await click(t, rootTs, ACTIONS.reopen);
    await t.advance(60);
    await click(t, rootTs, ACTIONS.close);
    expect(prompts(t, rootTs)).toHaveLength(2);
  });
});

describe('CSAT as an ephemeral 1–5 with a comment', () => {
  let t: TestBot;
  let rootTs: string;
  beforeAll(async () => {
    t = await world({
      send_feedback: true,
      feedback_rating: '5_POINTS',
      send_feedback_as_ephemeral: true,
      request_for_text_feedback: true,
      send_request_feedback_received_message: true,
    });
    rootTs = await askAndClose(t, 'SSO login loops forever');
  });
  afterAll(() => t.stop());

  const promptEphemeral = () =>
    t.sim.ephemerals(CHANNEL).filter((e) => JSON.stringify(e.blocks ?? []).includes('feedback'));

  it('shows the 1–5 question only to the requester, in the thread', () => {
    expect(prompts(t, rootTs)).toHaveLength(0);
    const shown = promptEphemeral();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ user: CUSTOMER, thread_ts: rootTs });
    expect(buttonTexts(shown[0]!)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('stores a 4, replaces the ephemeral, opens the comment modal and tells the triage channel', async () => {
    const shown = promptEphemeral()[0]!;
    const id = String((await requestOf(t, rootTs))?._id);
    await t.driver.action({
      user: CUSTOMER,
      action_id: `${ACTIONS.feedbackRating}:4`,
      value: `${id}:4`,
      channel: CHANNEL,
      message_ts: shown.ts,
      is_ephemeral: true,
    });
    expect((await requestOf(t, rootTs))?.feedback).toMatchObject({ rating: 4, scale: '5_POINTS' });
    expect(t.sim.ephemerals(CHANNEL, CUSTOMER).find((e) => e.ts === shown.ts)?.text).toBe(
      'Thanks for your feedback! (4/5)',
    );
    const modal = t.sim.openedViews().find((v) => v.view.callback_id === VIEWS.feedbackComment);
    expect(modal).toMatchObject({ user: CUSTOMER, status: 'open' });
    expect(modal?.view.private_metadata).toBe(id);
    // No feedback channel set: the triage channel hears of it.
    expect(botPosts(t, TRIAGE).some((m) => m.text.endsWith(': 4/5'))).toBe(true);
  });

  it('keeps the modal open with the error and stores nothing for a comment over 2,000 characters', async () => {
    const modal = t.sim.openedViews().find((v) => v.view.callback_id === VIEWS.feedbackComment)!;
    await t.driver.viewSubmission({
      user: CUSTOMER,
      view_id: modal.id,
      values: { comment: { text: { type: 'plain_text_input', value: 'x'.repeat(2001) } } },
    });
    expect(t.sim.view(modal.id)).toMatchObject({
      status: 'open',
      errors: { comment: expect.stringContaining('2000 characters') },
    });
    expect((await requestOf(t, rootTs))?.feedback?.text).toBeNull();
  });

  it('stores the comment on the request and tells the team', async () => {
    const modal = t.sim.openedViews().find((v) => v.view.callback_id === VIEWS.feedbackComment)!;
    await t.driver.viewSubmission({
      user: CUSTOMER,
      view_id: modal.id,
      values: { comment: { text: { type: 'plain_text_input', value: 'Fast and friendly.' } } },
    });
    expect(t.sim.view(modal.id)?.status).toBe('closed');
    expect((await requestOf(t, rootTs))?.feedback).toMatchObject({
      rating: 4,
      text: 'Fast and friendly.',
    });
    expect(botPosts(t, TRIAGE).at(-1)?.text).toMatch(/Comment on .*:\n>Fast and friendly\.$/);
  });

  it('reopens the comment, filled in, from the comment button of the thanks', async () => {
    const thanks = t.sim.ephemerals(CHANNEL, CUSTOMER).find((e) => e.text.startsWith('Thanks'))!;
    expect(JSON.stringify(thanks.blocks)).toContain('Add a comment');
    const id = String((await requestOf(t, rootTs))?._id);
    await t.driver.action({
      user: CUSTOMER,
      action_id: ACTIONS.feedbackComment,
      value: id,
      channel: CHANNEL,
      message_ts: thanks.ts,
      is_ephemeral: true,
    });
    const modals = t.sim.openedViews().filter((v) => v.view.callback_id === VIEWS.feedbackComment);
    expect(modals).toHaveLength(2);
    expect(JSON.stringify(modals[1]?.view.blocks)).toContain(
      '"initial_value":"Fast and friendly."',
    );
  });
});

describe('CSAT switched off for requests', () => {
  it('asks nothing when csat_send_for is TICKET', async () => {
    const t = await world({ send_feedback: true }, { csat_send_for: 'TICKET' });
    try {
      const rootTs = await askAndClose(t, 'Where is my order?');
      expect((await requestOf(t, rootTs))?.status).toBe('closed');
      expect(prompts(t, rootTs)).toHaveLength(0);
      expect(t.sim.ephemerals(CHANNEL, CUSTOMER)).toHaveLength(0);
    } finally {
      await t.stop();
    }
  });
});

describe('CSAT for internal tickets (csat_send_for TICKET)', () => {
  const tickets = { internal_ticket: TICKET_SETTINGS };

  /** Carol asks; the agent raises two tickets from the card. */
  async function twoTickets(t: TestBot) {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'Sync is broken');
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    const raised = [];
    for (const type of ['engineering', 'product']) {
      const { ticket } = await raiseTicket(t, TRIAGE, message.ts, { type });
      raised.push((await postedTicket(t, ticket._id)).post);
    }
    return { rootTs: message.ts, posts: raised };
  }
  const statusIs = (t: TestBot, post: { ts: string }, status: string) =>
    eventually(
      async () =>
        (await t.db.collection('internal_tickets').findOne({ 'post.ts': post.ts }))?.status ===
        status,
    );

  it('asks the customer once when a ticket is marked Done, however many tickets finish', async () => {
    const t = await world({ send_feedback: true }, { csat_send_for: 'TICKET', ...tickets });
    try {
      const { rootTs, posts } = await twoTickets(t);
      expect(prompts(t, rootTs)).toHaveLength(0);
      await clickStatus(t, posts[0], 'done');
      const asked = await t.sim.waitFor(() => prompts(t, rootTs)[0]);
      expect(asked.text).toBe('How did we do on this request?');

      await clickStatus(t, posts[0], 'in_progress');
      await statusIs(t, posts[0], 'in_progress');
      await clickStatus(t, posts[0], 'done');
      await statusIs(t, posts[0], 'done');
      await clickStatus(t, posts[1], 'done');
      await statusIs(t, posts[1], 'done');
      await click(t, rootTs, ACTIONS.close);
      await eventually(async () => (await requestOf(t, rootTs))?.status === 'closed');
      await eventually(async () =>
        t.sim
          .thread(CHANNEL, rootTs)
          .some((m) => m.text?.includes('is now Done') && m.text.includes('IT-2')),
      );
      expect(prompts(t, rootTs)).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });

  it('asks nothing when a ticket is marked Done with csat_send_for REQUEST', async () => {
    const t = await world({ send_feedback: true }, tickets);
    try {
      const { rootTs, posts } = await twoTickets(t);
      await clickStatus(t, posts[0], 'done');
      await statusIs(t, posts[0], 'done');
      await eventually(async () =>
        t.sim.thread(CHANNEL, rootTs).some((m) => m.text?.includes('is now Done')),
      );
      expect(prompts(t, rootTs)).toHaveLength(0);
    } finally {
      await t.stop();
    }
  });
});
