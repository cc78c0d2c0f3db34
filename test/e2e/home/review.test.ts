import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  customerWorld,
  eventually,
  newCustomer,
  requestOf,
} from '../requests/world.js';

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
}

/** What `user` sees on the Home tab: its headers and the kept messages' lines, by id. */
function home(t: TestBot, user: string) {
  const view = t.sim.homeView(user);
  const blocks = (view?.view.blocks ?? []) as Block[];
  return {
    id: view?.id as string,
    headers: blocks.filter((b) => b.type === 'header').map((b) => b.text?.text),
    kept: blocks
      .filter((b) => b.block_id?.startsWith('home_kept_') && b.type === 'section')
      .map((b) => b.text?.text ?? ''),
  };
}
const suggestionOf = (t: TestBot, ts: string) =>
  t.db.collection('suggestions').findOne({ channelId: CHANNEL, ts });

describe('messages kept for review (store_non_suggested_request)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({ requests: { config: { store_non_suggested_request: true } } });
  });
  afterAll(() => t.stop());

  it('keeps what opens nothing, once however often Slack delivers it, and lists it for agents only', async () => {
    const { message: thanks } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'thanks!', {
      event: { eventId: 'Ev0THANKS' },
    });
    await t.driver.message(thanks, CHANNEL, {
      eventId: 'Ev0THANKS',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    const { message: note } = await t.driver.agentSays(
      CHANNEL,
      AGENT,
      'We deploy the fix tonight.',
    );
    await eventually(() => suggestionOf(t, note.ts));

    expect(await suggestionOf(t, thanks.ts)).toMatchObject({ state: 'kept', why: 'pleasantry' });
    expect(await suggestionOf(t, note.ts)).toMatchObject({ state: 'kept', why: 'agent_message' });
    expect(await t.db.collection('suggestions').countDocuments({ ts: thanks.ts })).toBe(1);
    expect(await requestOf(t, thanks.ts)).toBeNull();

    await t.driver.appHomeOpened(AGENT);
    const view = home(t, AGENT);
    expect(view.headers).toContain('Kept for review (2)');
    expect(view.kept).toHaveLength(2);
    expect(view.kept[0]).toContain(`<@${AGENT}> · <#${CHANNEL}>`); // newest first
    expect(view.kept[0]).toContain('>We deploy the fix tonight.');
    expect(view.kept[1]).toContain('>thanks!');
    expect(view.kept[1]).toContain('_Kept: a pleasantry._');
    expect(JSON.stringify(t.sim.homeView(AGENT)?.view.blocks)).toContain(ACTIONS.suggestionCreate);

    await t.driver.appHomeOpened(CUSTOMER);
    expect(home(t, CUSTOMER).headers).not.toContain('Kept for review (2)');
    expect(home(t, CUSTOMER).kept).toEqual([]);
  });

  it('opens a request from App Home on Create request, and the list drops it', async () => {
    const customer = newCustomer(t, 'U0KEPT');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'thank you');
    const kept = await eventually(() => suggestionOf(t, message.ts));
    await t.driver.appHomeOpened(AGENT_2);
    const before = home(t, AGENT_2);
    expect(before.kept.some((line) => line.includes(`<@${customer}>`))).toBe(true);

    await t.driver.action({
      user: AGENT_2,
      action_id: ACTIONS.suggestionCreate,
      view_id: before.id,
      value: String(kept._id),
    });

    const request = await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    expect(request).toBeTruthy();
    expect(await suggestionOf(t, message.ts)).toMatchObject({
      state: 'accepted',
      handledBy: AGENT_2,
    });
    const after = home(t, AGENT_2);
    expect(after.kept.some((line) => line.includes(`<@${customer}>`))).toBe(false);
  });

  it('dismisses a kept message from App Home', async () => {
    const customer = newCustomer(t, 'U0BYE');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'cheers');
    const kept = await eventually(() => suggestionOf(t, message.ts));
    await t.driver.appHomeOpened(AGENT);

    await t.driver.action({
      user: AGENT,
      action_id: ACTIONS.suggestionDismiss,
      view_id: home(t, AGENT).id,
      value: String(kept._id),
    });

    expect(await suggestionOf(t, message.ts)).toMatchObject({ state: 'dismissed' });
    expect(await requestOf(t, message.ts)).toBeNull();
    expect(home(t, AGENT).kept.some((line) => line.includes(`<@${customer}>`))).toBe(false);
  });
});
