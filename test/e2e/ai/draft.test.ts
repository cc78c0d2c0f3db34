import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ACTIONS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { findElement } from '../../support/slack/interactions.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CSM,
  CUSTOMER,
  newCustomer,
  requestOf,
  TRIAGE,
} from '../requests/world.js';
import { aiWorld, channelSettings, type AiWorld } from './world.js';

const assist = (on: boolean) => ({ requests: { config: { ai_assist_auto_responder: on } } });
const DRAFT = 'Sorry about that! We are looking at the CSV export now.';

/** A new request by a new customer, once every hook of its opening has run. */
async function opened(t: TestBot, customer: string, text: string, eventId?: string) {
  const options = eventId ? { event: { eventId } } : {};
  const { message } = await t.driver.customerSays(CHANNEL, newCustomer(t, customer), text, options);
  await t.bot.inbox.idle();
  return message;
}

/** The bot's messages in the thread of the request's triage card. */
async function cardThread(t: TestBot, rootTs: string) {
  const request = await requestOf(t, rootTs);
  const cardTs = request?.triage.ts as string;
  return t.sim.thread(TRIAGE, cardTs).filter((m) => m.ts !== cardTs);
}

/** The customer thread's replies posted under a person's name (not the bot's status notices). */
const replies = (t: TestBot, rootTs: string) =>
  t.sim.thread(CHANNEL, rootTs).filter((m) => m.ts !== rootTs && m.username !== undefined);

/** The request's stored messages. */
async function stored(t: TestBot, rootTs: string) {
  const request = await requestOf(t, rootTs);
  return t.db.collection('messages').find({ requestId: request?._id }).toArray();
}

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

    await clickDraft(t, draft!.ts, ACTIONS.draftSend);
    await clickDraft(t, draft!.ts, ACTIONS.draftSend);
    await t.sim.waitFor(
      () => t.sim.ephemerals(TRIAGE, AGENT).some((e) => e.text.includes('already sent')),
      {
        what: 'the second click’s answer',
      },
    );

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

describe('drafted replies to an assigned request: the assignee’s ephemeral', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld({
      requests: { config: { ai_assist_auto_responder: true, auto_assign_to_csm: true } },
    });
  });
  afterAll(() => w.stop());
  beforeEach(() => {
    w.stub.reset();
    w.stub.on('draft-reply', { json: { reply: DRAFT } });
  });

  it('shows the draft to the assignee only, in the customer’s thread when they are not in triage; Send posts it', async () => {
    const { t } = w;
    const message = await opened(t, 'U0DRAFTA1', 'Dashboard will not load');
    expect((await requestOf(t, message.ts))?.assigneeId).toBe(CSM);

    const shown = t.sim.ephemerals(CHANNEL, CSM).filter((e) => e.text.includes(DRAFT));
    expect(shown).toHaveLength(1);
    expect(shown[0]?.thread_ts).toBe(message.ts);
    expect(await cardThread(t, message.ts)).toEqual([]); // not for every agent
    const value = findElement(shown[0]?.blocks as never, ACTIONS.draftSend)?.element.value;

    await t.driver.action({
      user: CSM,
      action_id: ACTIONS.draftSend,
      channel: CHANNEL,
      message_ts: shown[0]!.ts,
      is_ephemeral: true,
      value: value as string,
    });
    await t.sim.waitFor(() => replies(t, message.ts).length > 0, { what: 'the posted draft' });
    expect(replies(t, message.ts).map((m) => [m.text, m.username])).toEqual([[DRAFT, 'Cass']]);
    const messages = await stored(t, message.ts);
    expect(messages.map((m) => [m.kind, m.text, m.userId])).toEqual([['outgoing', DRAFT, CSM]]);
  });

  it('shows it in the card’s thread, still to the assignee only, when they are in triage', async () => {
    const { t } = w;
    t.sim.joinChannel(TRIAGE, CSM);
    const message = await opened(t, 'U0DRAFTA2', 'Invoices missing');
    const request = await requestOf(t, message.ts);
    const shown = t.sim.ephemerals(TRIAGE, CSM).filter((e) => e.text.includes(DRAFT));
    expect(shown.map((e) => e.thread_ts)).toEqual([request?.triage.ts]);
    expect(t.sim.ephemerals(TRIAGE, AGENT).filter((e) => e.text.includes(DRAFT))).toEqual([]);
    expect(await cardThread(t, message.ts)).toEqual([]);
  });
});
