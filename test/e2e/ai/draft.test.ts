import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { findElement } from '../../support/slack/interactions.js';
import { AGENT, AGENT_2, CHANNEL, CUSTOMER, requestOf, TRIAGE } from '../requests/world.js';
import { aiWorld, channelSettings, type AiWorld } from './world.js';
import { cardThread, DRAFT, opened, replies, stored } from './drafts.js';

const assist = (on: boolean) => ({ requests: { config: { ai_assist_auto_responder: on } } });

/** Clicks a button of the draft in the card's thread. */
async function clickDraft(t: TestBot, draftTs: string, actionId: string, user = AGENT) {
  return t.driver.action({ user, action_id: actionId, channel: TRIAGE, message_ts: draftTs });
}

describe('drafted replies: a new request’s reply drafted for agents, sent only by a click', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld(assist(true));
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.stub.reset();
    w.stub.on('draft-reply', { json: { reply: DRAFT } });
  });

  it('shows the draft in the card’s thread with Send and Edit, and nothing to the customer', async () => {
    const { t, stub } = w;
    const message = await opened(t, 'U0DRAFT1', 'Our CSV export fails with a 500');

    const [draft] = await cardThread(t, message.ts);
    expect(draft?.text).toContain(DRAFT);
    expect(findElement(draft?.blocks as never, ACTIONS.draftSend)).toBeDefined();
    expect(findElement(draft?.blocks as never, ACTIONS.draftEdit)).toBeDefined();
    expect(stub.count('draft-reply')).toBe(1);
    expect(stub.calls[0]?.text).toContain('Customer: Our CSV export fails with a 500');
    expect(replies(t, message.ts)).toEqual([]);
    expect(await stored(t, message.ts)).toEqual([]);
  });

  it('Send posts the draft as the agent’s reply and stores it, once for a double click', async () => {
    const { t } = w;
    const message = await opened(t, 'U0DRAFT2', 'Export broken again');
    const [draft] = await cardThread(t, message.ts);

    // A double click: both clicks leave before the draft changes.
    await Promise.all([
      clickDraft(t, draft!.ts, ACTIONS.draftSend),
      clickDraft(t, draft!.ts, ACTIONS.draftSend),
    ]);
    await t.sim.waitFor(
      () => t.sim.ephemerals(TRIAGE, AGENT).some((e) => e.text.includes('already sent')),
      { what: 'the second click’s answer' },
    );
    const [after] = await cardThread(t, message.ts);
    expect(after?.text).toContain('sent by <@U0AGENT>');
    expect(findElement(after?.blocks as never, ACTIONS.draftSend)).toBeUndefined();

    expect(replies(t, message.ts).map((m) => [m.text, m.username, m.bot_id])).toEqual([
      [DRAFT, 'alice', t.sim.botId],
    ]);
    const messages = await stored(t, message.ts);
    expect(messages.map((m) => [m.kind, m.text, m.userId])).toEqual([['outgoing', DRAFT, AGENT]]);
    const request = await requestOf(t, message.ts);
    expect(request?.firstResponseAt).toBeInstanceOf(Date);
    expect(request?.status).toBe('in_progress');
  });

  it('Edit opens the draft in a modal; its submission posts the edited text the same way', async () => {
    const { t } = w;
    const message = await opened(t, 'U0DRAFT3', 'Cannot log in');
    const [draft] = await cardThread(t, message.ts);
    const before = t.sim.openedViews().length;

    await clickDraft(t, draft!.ts, ACTIONS.draftEdit, AGENT_2);
    await t.sim.waitFor(() => t.sim.openedViews().length > before, { what: 'the edit modal' });
    const modal = t.sim.openedViews().at(-1)!;
    expect(modal.view.callback_id).toBe(VIEWS.draftEdit);
    expect(JSON.stringify(modal.view.blocks)).toContain(DRAFT);
    expect(replies(t, message.ts)).toEqual([]); // opening the modal posts nothing

    const edited = 'Hi! Please try the reset link I just sent you.';
    const values = { ai_draft: { ai_draft_text: { type: 'plain_text_input', value: edited } } };
    await t.driver.viewSubmission({ user: AGENT_2, view_id: modal.id, values });

    expect(t.sim.view(modal.id)?.status).toBe('closed');
    expect(replies(t, message.ts).map((m) => [m.text, m.username])).toEqual([[edited, 'bob']]);
    const messages = await stored(t, message.ts);
    expect(messages.map((m) => [m.kind, m.text, m.userId])).toEqual([
      ['outgoing', edited, AGENT_2],
    ]);
    expect((await requestOf(t, message.ts))?.firstResponseAt).toBeInstanceOf(Date);

    // The draft is spent: Send after the edit posts nothing more.
    await clickDraft(t, draft!.ts, ACTIONS.draftSend);
    await t.sim.waitFor(
      () => t.sim.ephemerals(TRIAGE, AGENT).some((e) => e.text.includes('already sent')),
      {
        what: 'the refusal',
      },
    );
    expect(replies(t, message.ts)).toHaveLength(1);
  });

  it('refuses a customer’s click, and posts or stores nothing', async () => {
    const { t } = w;
    const message = await opened(t, 'U0DRAFT4', 'Billing page is blank');
    const [draft] = await cardThread(t, message.ts);
    t.sim.joinChannel(TRIAGE, CUSTOMER);

    await clickDraft(t, draft!.ts, ACTIONS.draftSend, CUSTOMER);
    await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, CUSTOMER).length > 0, {
      what: 'the refusal',
    });

    expect(t.sim.ephemerals(TRIAGE, CUSTOMER)[0]?.text).toContain('Only the support team');
    expect(replies(t, message.ts)).toEqual([]);
    expect(await stored(t, message.ts)).toEqual([]);
    expect((await requestOf(t, message.ts))?.firstResponseAt).toBeNull();
  });

  it('drafts once when Slack retries the event or delivers it twice', async () => {
    const { t, stub } = w;
    const message = await opened(t, 'U0DRAFT5', 'Webhook deliveries stopped', 'Ev0DRAFTRETRY');
    await t.driver.message(message, CHANNEL, {
      eventId: 'Ev0DRAFTRETRY',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    await t.driver.message(message, CHANNEL, { eventId: 'Ev0DRAFTAGAIN' });
    await t.bot.inbox.idle();
    expect(stub.count('draft-reply')).toBe(1);
    expect(await cardThread(t, message.ts)).toHaveLength(1);
  });

  it('offers a 3,000-character draft: the buttons carry only the request’s id, Send posts it whole', async () => {
    const { t, stub } = w;
    stub.reset();
    // 30 lines of 99 characters and a line end: 3,000 characters, longer than a button's value.
    const long = Array.from(
      { length: 30 },
      (_, i) => `${String(i).padStart(2, '0')} ${'a'.repeat(96)}`,
    )
      .join('\n')
      .concat('\n')
      .slice(0, 3_000)
      .trimEnd();
    expect(long.length).toBeGreaterThan(2_900);
    stub.on('draft-reply', { json: { reply: long } });
    const message = await opened(t, 'U0DRAFTLONG', 'Please explain the whole export setup');

    const [draft] = await cardThread(t, message.ts);
    const request = await requestOf(t, message.ts);
    expect(request?.aiDraft?.text).toBe(long);
    const send = findElement(draft?.blocks as never, ACTIONS.draftSend)?.element;
    expect(JSON.parse(send?.value as string)).toEqual({ requestId: String(request?._id) });
    const sections = (draft?.blocks as { type: string; text?: { text: string } }[]).filter(
      (b) => b.type === 'section',
    );
    expect(sections.length).toBeGreaterThan(1); // Slack takes 3,000 characters a section
    expect(sections.every((b) => (b.text?.text.length ?? 0) <= 3_000)).toBe(true);
    expect(sections.map((b) => b.text?.text).join('\n')).toContain(long.split('\n').at(-1));

    const before = t.sim.openedViews().length;
    await clickDraft(t, draft!.ts, ACTIONS.draftEdit);
    await t.sim.waitFor(() => t.sim.openedViews().length > before, { what: 'the edit modal' });
    expect(JSON.stringify(t.sim.openedViews().at(-1)?.view.blocks)).toContain(
      JSON.stringify(long).slice(1, -1),
    );

    await clickDraft(t, draft!.ts, ACTIONS.draftSend);
    await t.sim.waitFor(() => replies(t, message.ts).length > 0, { what: 'the posted draft' });
    expect(replies(t, message.ts).map((m) => m.text)).toEqual([long]);
    const messages = await stored(t, message.ts);
    expect(messages.map((m) => [m.kind, m.text, m.userId])).toEqual([['outgoing', long, AGENT]]);
  });

  it('shows the model’s text escaped, so it cannot mention anyone', async () => {
    const { t, stub } = w;
    stub.reset();
    stub.on('draft-reply', { json: { reply: 'Hi <!channel>, see <https://evil.example|this>' } });
    const message = await opened(t, 'U0DRAFT8', 'Anything new?');
    const [draft] = await cardThread(t, message.ts);
    expect(draft?.text).toContain('Hi &lt;!channel&gt;, see &lt;https://evil.example|this&gt;');
    expect(draft?.text).not.toContain('<!channel>');
  });

  it('shows no draft when the answer is malformed', async () => {
    const { t, stub } = w;
    stub.reset();
    stub.on('draft-reply', { fault: 'malformed' });
    const message = await opened(t, 'U0DRAFT6', 'The API returns 418');
    expect(stub.count('draft-reply')).toBe(1);
    expect(await cardThread(t, message.ts)).toEqual([]);
    expect(replies(t, message.ts)).toEqual([]);
  });

  it('sends nothing to the model with AI assist off', async () => {
    const { t, stub } = w;
    await channelSettings(t, assist(false));
    const message = await opened(t, 'U0DRAFT7', 'Search is slow today');
    expect(stub.count()).toBe(0);
    expect(await cardThread(t, message.ts)).toEqual([]);
    await channelSettings(t, assist(true));
  });
});

describe('drafted replies past the month’s AI budget', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld(assist(true), { AI_MONTHLY_TOKEN_BUDGET: '100' });
  });
  afterAll(() => w.stop());

  it('drafts until the budget is used, then asks nothing and shows no draft', async () => {
    const { t, stub } = w;
    stub.tokensPerCall = 500;
    stub.on('draft-reply', { json: { reply: DRAFT } });
    const first = await opened(t, 'U0BUDGET1', 'Reports are empty');
    expect(await cardThread(t, first.ts)).toHaveLength(1);

    const second = await opened(t, 'U0BUDGET2', 'Exports are empty too');
    expect(stub.count('draft-reply')).toBe(1);
    expect(await cardThread(t, second.ts)).toEqual([]);
  });
});
