import { ACTIONS, SHORTCUTS, VIEWS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { findElement } from '../../support/slack/interactions.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  customerWorld,
  newRequest,
  requestOf,
} from './world.js';

const BLOCK = 'canned_response';
const replies = (t: TestBot, ts: string) => t.sim.thread(CHANNEL, ts).slice(1);

/** The canned response modal the bot opened last for `user`. */
const modalOf = (t: TestBot, user: string) =>
  t.sim
    .openedViews()
    .filter((v) => v.view.callback_id === VIEWS.cannedResponse && v.user === user)
    .at(-1);
const shownText = (view: { view: Record<string, unknown> } | undefined) =>
  JSON.stringify(view?.view.blocks ?? []);

/** Uses "Insert canned response" on a message as `user`; the modal it opened. */
async function shortcut(t: TestBot, user: string, ts: string) {
  const before = t.sim.openedViews().length;
  const res = await t.driver.messageShortcut({
    user,
    callback_id: SHORTCUTS.insertCanned,
    channel: CHANNEL,
    message_ts: ts,
  });
  expect(res.status).toBe(200);
  await t.sim.waitFor(() => t.sim.openedViews().length > before, { what: 'the modal' });
  return modalOf(t, user)!;
}

/** The modal's menu value as Slack sends it on submission. */
const picked = (shortCode: string) => ({
  [BLOCK]: {
    [ACTIONS.cannedPick]: {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: shortCode }, value: shortCode },
    },
  },
});

describe('the "Insert canned response" message shortcut', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
    for (const [short_code, content] of [
      ['refund', 'Hi {{customer.name}}, {{agent.name}} here: your refund is on its way.'],
      ['hello', 'Hello {{customer.name}}!'],
      ['gone', 'Deleted before it is posted'],
    ]) {
      expect(
        (await t.api('POST', '/api/v1/canned_responses', { short_code, content })).status,
      ).toBe(201);
    }
  });
  afterAll(() => t.stop());

  it('opens a menu of the responses on the request’s message, previews the pick and posts it as the agent’s reply', async () => {
    const message = await newRequest(t, 'U0SHORT', 'Where is my refund?');
    const modal = await shortcut(t, AGENT, message.ts);
    const menu = findElement(modal.view.blocks as never, ACTIONS.cannedPick)?.element;
    expect(menu?.type).toBe('static_select');
    expect((menu?.options as { value: string }[]).map((o) => o.value)).toEqual([
      'gone',
      'hello',
      'refund',
    ]);
    expect(JSON.stringify(menu?.options)).toContain('"text":"Hello {{customer.name}}!"'); // each one's start

    await t.driver.action({
      user: AGENT,
      view_id: modal.id,
      action_id: ACTIONS.cannedPick,
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'refund' }, value: 'refund' },
    } as never);
    await t.sim.waitFor(() => shownText(t.sim.view(modal.id)).includes('Preview'), {
      what: 'the preview',
    });
    expect(shownText(t.sim.view(modal.id))).toContain(
      'Hi u0short, alice here: your refund is on its way.',
    );
    expect(replies(t, message.ts)).toEqual([]); // a preview posts nothing

    await t.driver.viewSubmission({ user: AGENT, view_id: modal.id, values: picked('refund') });
    expect(t.sim.view(modal.id)?.status).toBe('closed');
    const [posted] = replies(t, message.ts);
    expect(posted).toMatchObject({
      text: 'Hi u0short, alice here: your refund is on its way.',
      username: 'alice',
      bot_id: t.sim.botId,
    });
    const stored = await requestOf(t, message.ts);
    expect(stored?.firstResponseAt).toBeInstanceOf(Date);
    expect(stored?.status).toBe('in_progress');
  });

  it('works on a reply in the request’s thread, posting into that thread', async () => {
    const message = await newRequest(t, 'U0THREAD', 'SSO is down');
    const { message: reply } = await t.driver.customerSays(CHANNEL, 'U0THREAD', 'Still down', {
      thread_ts: message.ts,
    });
    const modal = await shortcut(t, AGENT_2, reply.ts);
    const request = await requestOf(t, message.ts);
    expect(JSON.parse(modal.view.private_metadata as string)).toEqual({
      requestId: String(request?._id),
    });
    await t.driver.viewSubmission({ user: AGENT_2, view_id: modal.id, values: picked('hello') });
    expect(replies(t, message.ts).map((m) => [m.text, m.username])).toContainEqual([
      'Hello u0thread!',
      'bob',
    ]);
    expect((await requestOf(t, message.ts))?.firstResponseAt).toBeInstanceOf(Date);
  });

  it('says so on a message that belongs to no request, and posts nothing', async () => {
    const { message: chat } = await t.driver.agentSays(CHANNEL, AGENT, 'Good morning all');
    const modal = await shortcut(t, AGENT, chat.ts);
    expect(shownText(modal)).toContain('That message belongs to no request the bot tracks');
    expect(modal.view.submit).toBeUndefined();
    expect(replies(t, chat.ts)).toEqual([]);
  });

  it('refuses a customer, and posts nothing', async () => {
    const message = await newRequest(t, 'U0NOTAGENT', 'Can I use it too?');
    const modal = await shortcut(t, CUSTOMER, message.ts);
    expect(shownText(modal)).toContain('Only the support team can post canned responses');
    expect(findElement(modal.view.blocks as never, ACTIONS.cannedPick)).toBeUndefined();
    expect(replies(t, message.ts)).toEqual([]);
    expect((await requestOf(t, message.ts))?.firstResponseAt).toBeNull();
  });

  it('keeps the modal open with the reason when nothing is picked or the response was deleted meanwhile, and posts nothing', async () => {
    const message = await newRequest(t, 'U0LATE', 'Hello?');
    const modal = await shortcut(t, AGENT, message.ts);
    await t.driver.viewSubmission({ user: AGENT, view_id: modal.id, values: {} });
    expect(t.sim.view(modal.id)?.errors).toEqual({ [BLOCK]: 'Pick a canned response.' });

    const gone = (await t.api('GET', '/api/v1/canned_responses?search=gone')).body[0];
    expect((await t.api('DELETE', `/api/v1/canned_responses/${gone.id}`)).status).toBe(204);
    await t.driver.viewSubmission({ user: AGENT, view_id: modal.id, values: picked('gone') });
    expect(t.sim.view(modal.id)?.errors?.[BLOCK]).toContain(
      'There is no canned response gone; nothing was posted.',
    );
    expect(t.sim.view(modal.id)?.status).toBe('open');
    expect(replies(t, message.ts)).toEqual([]);
    expect((await requestOf(t, message.ts))?.firstResponseAt).toBeNull();
  });
});
