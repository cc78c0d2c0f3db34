import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  AGENT_2,
  CHANNEL,
  CUSTOMER,
  TRIAGE,
  botPosts,
  customerWorld,
  eventually,
  newCustomer,
  requestOf,
} from './world.js';

const SUGGESTIONS = 'C0SUGGEST';

const linkOf = (ts: string) =>
  `https://sim-workspace.slack.com/archives/${CHANNEL}/p${ts.replace('.', '')}`;
/** The bot's suggestion messages in a channel, as the JSON of their blocks. */
const suggestionPosts = (t: TestBot, channel = SUGGESTIONS) =>
  botPosts(t, channel).filter((m) => JSON.stringify(m.blocks).includes('Suggested request'));
const suggestionOf = (t: TestBot, ts: string) =>
  t.db.collection('suggestions').findOne({ channelId: CHANNEL, ts });
/** The suggestion's message in the suggestions channel, once posted. */
async function postOf(t: TestBot, ts: string) {
  const stored = await eventually(async () => (await suggestionOf(t, ts))?.post);
  return { ...stored, json: () => JSON.stringify(t.sim.message(stored.channelId, stored.ts)) };
}
async function clickSuggestion(t: TestBot, ts: string, actionId: string, user = AGENT) {
  const post = await postOf(t, ts);
  const stored = await suggestionOf(t, ts);
  return t.driver.action({
    user,
    action_id: actionId,
    channel: post.channelId,
    message_ts: post.ts,
    value: String(stored?._id),
  });
}

describe('suggested requests', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({
      requests: {
        config: {
          send_suggestedrequest_message: true,
          send_suggestedrequest_message_channel: SUGGESTIONS,
        },
        support: { response_sla: { isEnabled: true, sla: 30 } },
      },
    });
    t.sim.addChannel({
      id: SUGGESTIONS,
      name: 'suggestions',
      members: [t.sim.botUserId, AGENT, AGENT_2, CUSTOMER],
    });
  });
  afterAll(() => t.stop());

  it("suggests an agent's question in the customer channel, once however often Slack delivers it", async () => {
    const { message } = await t.driver.agentSays(
      CHANNEL,
      AGENT,
      'Is the export broken for everyone at Acme?',
      { event: { eventId: 'Ev0ASK1' } },
    );
    await t.driver.message(message, CHANNEL, {
      eventId: 'Ev0ASK1',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    // Slack may also deliver the same message under a new event id.
    await t.driver.message(message, CHANNEL, { eventId: 'Ev0ASK2' });

    const post = await postOf(t, message.ts);
    expect(post.json()).toContain(
      `:bulb: *Suggested request* from <@${AGENT}> in <#${CHANNEL}>: <${linkOf(message.ts)}|View message>`,
    );
    expect(post.json()).toContain('>Is the export broken for everyone at Acme?');
    expect(post.json()).toContain(ACTIONS.suggestionCreate);
    expect(post.json()).toContain(ACTIONS.suggestionDismiss);
    expect(post.json()).toContain('a question from the support side');
    const posts = suggestionPosts(t).filter((m) =>
      JSON.stringify(m.blocks).includes(message.ts.replace('.', '')),
    );
    expect(posts).toHaveLength(1);
    expect(await requestOf(t, message.ts)).toBeNull();
    expect(await suggestionOf(t, message.ts)).toMatchObject({
      state: 'pending',
      why: 'agent_question',
    });
  });

  it('opens a request from an unclear customer message on Create request, with its card, and marks it', async () => {
    const customer = newCustomer(t, 'U0UNCLEAR');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'invoice');
    const post = await postOf(t, message.ts);
    expect(post.json()).toContain('too short to tell what is wanted');
    expect(await requestOf(t, message.ts)).toBeNull();

    await clickSuggestion(t, message.ts, ACTIONS.suggestionCreate, AGENT);

    const request = await eventually(async () => requestOf(t, message.ts));
    expect(request).toMatchObject({ requesterId: customer, text: 'invoice', status: 'open' });
    // The same effects as a request opened by intake: its card and its response SLA clock.
    const opened = await eventually(async () => {
      const r = await requestOf(t, message.ts);
      return r?.triage.ts && r.sla.responseDueAt && r;
    });
    expect(JSON.stringify(t.sim.message(TRIAGE, opened.triage.ts)?.blocks)).toContain('invoice');
    const stored = await suggestionOf(t, message.ts);
    expect(stored).toMatchObject({
      state: 'accepted',
      handledBy: AGENT,
      requestId: String(request._id),
    });
    await t.sim.waitFor(() =>
      post.json().includes(`<@${AGENT}> created a request from this message`),
    );
    expect(post.json()).not.toContain(ACTIONS.suggestionCreate);
  });

  it('dismisses a suggestion on Dismiss, opening nothing, and tells a later click who handled it', async () => {
    const customer = newCustomer(t, 'U0HMM');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'following up');
    await postOf(t, message.ts);

    await clickSuggestion(t, message.ts, ACTIONS.suggestionDismiss, AGENT_2);

    expect(await suggestionOf(t, message.ts)).toMatchObject({
      state: 'dismissed',
      handledBy: AGENT_2,
    });
    const post = await postOf(t, message.ts);
    await t.sim.waitFor(() => post.json().includes(`<@${AGENT_2}> dismissed this suggestion`));
    expect(await requestOf(t, message.ts)).toBeNull();

    // The button was still on someone's screen: their click changes nothing.
    await t.driver.action({
      user: AGENT,
      action_id: ACTIONS.suggestionCreate,
      channel: SUGGESTIONS,
      message_ts: post.ts,
      value: String((await suggestionOf(t, message.ts))?._id),
    });
    const told = await t.sim.waitFor(() => t.sim.ephemerals(SUGGESTIONS, AGENT).at(-1));
    expect(told.text).toBe(
      `:information_source: <@${AGENT_2}> already dismissed this suggestion. Nothing was changed.`,
    );
    expect(await requestOf(t, message.ts)).toBeNull();
  });

  it('acts once on two clicks at once: one request, and the other clicker is told', async () => {
    const customer = newCustomer(t, 'U0TWICE');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'payroll');
    await postOf(t, message.ts);

    await Promise.all([
      clickSuggestion(t, message.ts, ACTIONS.suggestionCreate, AGENT),
      clickSuggestion(t, message.ts, ACTIONS.suggestionDismiss, AGENT_2),
    ]);

    const stored = await eventually(async () => {
      const s = await suggestionOf(t, message.ts);
      return s && s.state !== 'pending' ? s : undefined;
    });
    const loser = stored.handledBy === AGENT ? AGENT_2 : AGENT;
    const told = await t.sim.waitFor(() => t.sim.ephemerals(SUGGESTIONS, loser).at(-1));
    expect(told.text).toContain(`<@${stored.handledBy}> already`);
    const requests = await t.db.collection('requests').countDocuments({ rootTs: message.ts });
    expect(requests).toBe(stored.state === 'accepted' ? 1 : 0);
  });

  it('refuses Create request from a customer and writes nothing', async () => {
    const customer = newCustomer(t, 'U0NOPE');
    const { message } = await t.driver.customerSays(CHANNEL, customer, 'hmm');
    await postOf(t, message.ts);

    await clickSuggestion(t, message.ts, ACTIONS.suggestionCreate, CUSTOMER);

    const told = await t.sim.waitFor(() => t.sim.ephemerals(SUGGESTIONS, CUSTOMER).at(-1));
    expect(told.text).toBe(
      ':no_entry: Only the support team can act on a suggestion. Nothing was changed.',
    );
    expect(await suggestionOf(t, message.ts)).toMatchObject({ state: 'pending', handledBy: null });
    expect(await requestOf(t, message.ts)).toBeNull();
  });

  it('opens a request at once for a clear customer message, without a suggestion', async () => {
    const customer = newCustomer(t, 'U0CLEAR');
    const { message } = await t.driver.customerSays(
      CHANNEL,
      customer,
      'Our SSO login fails since this morning',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    expect(await suggestionOf(t, message.ts)).toBeNull();
  });
});

describe('suggested requests from a private channel', () => {
  const PRIVATE = 'C0EXTSECRET';
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
    t.sim.addChannel({
      id: SUGGESTIONS,
      name: 'suggestions',
      members: [t.sim.botUserId, AGENT, AGENT_2],
    });
    t.sim.addChannel({
      id: PRIVATE,
      name: 'ext-secret',
      is_private: true,
      is_ext_shared: true,
      members: [t.sim.botUserId, CUSTOMER, AGENT, AGENT_2],
    });
  });
  afterAll(() => t.stop());

  /** Each message by a new customer, so none joins another's request. */
  const someone = (id: string) => {
    t.sim.addUser({ id, name: id.toLowerCase(), team_id: 'T0ACME' });
    t.sim.joinChannel(PRIVATE, id);
    return id;
  };
  const postIn = async (ts: string) => {
    const stored = await eventually(
      async () => (await t.db.collection('suggestions').findOne({ channelId: PRIVATE, ts }))?.post,
    );
    return JSON.stringify(t.sim.message(stored.channelId, stored.ts)?.blocks);
  };

  it('names neither the channel nor the text under hidePrivateChannelMetadata, and shows both when allowed', async () => {
    await t.driver.customerSays(PRIVATE, CUSTOMER, 'Our merger plans leak'); // registers the channel
    const settings = (update: Record<string, unknown>) =>
      t.api('PATCH', `/api/v1/channels/${PRIVATE}/settings`, { update });
    const on = {
      requests: {
        config: {
          send_suggestedrequest_message: true,
          send_suggestedrequest_message_channel: SUGGESTIONS,
        },
      },
    };
    expect((await settings(on)).status).toBe(200);

    const { message: hidden } = await t.driver.customerSays(PRIVATE, someone('U0P1'), 'merger');
    const hiddenPost = await postIn(hidden.ts);
    expect(hiddenPost).toContain('in a private channel');
    expect(hiddenPost).toContain('_Preview hidden: private channel_');
    expect(hiddenPost).not.toContain('merger');
    expect(hiddenPost).not.toContain(`<#${PRIVATE}>`);

    const allow = {
      hidePrivateChannelMetadata: false,
      requests: { config: { show_private_message_previews: true } },
    };
    expect((await settings(allow)).status).toBe(200);
    const { message: shown } = await t.driver.customerSays(PRIVATE, someone('U0P2'), 'acquisition');
    const shownPost = await postIn(shown.ts);
    expect(shownPost).toContain(`<#${PRIVATE}>`);
    expect(shownPost).toContain('>acquisition');
  });

  it('opens the request as before when there is nowhere to post a suggestion', async () => {
    const none = { requests: { config: { send_suggestedrequest_message_channel: null } } };
    const res = await t.api('PATCH', `/api/v1/channels/${PRIVATE}/settings`, { update: none });
    expect(res.status).toBe(200); // and the channel has no triage channel
    const { message } = await t.driver.customerSays(PRIVATE, someone('U0P3'), 'invoice');
    await eventually(() =>
      t.db.collection('requests').findOne({ channelId: PRIVATE, rootTs: message.ts }),
    );
    expect(await t.db.collection('suggestions').findOne({ ts: message.ts })).toBeNull();
  });
});

describe('suggested requests without a suggestions channel', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld({ requests: { config: { send_suggestedrequest_message: true } } });
  });
  afterAll(() => t.stop());

  it("posts the suggestion to the channel's triage channel", async () => {
    const { message } = await t.driver.agentSays(CHANNEL, AGENT, 'Can you send us the logs?');
    const post = await postOf(t, message.ts);
    expect(post.channelId).toBe(TRIAGE);
    expect(suggestionPosts(t, TRIAGE)).toHaveLength(1);
  });
});

describe('without suggestions', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
  });
  afterAll(() => t.stop());

  it('opens a request for an unclear customer message, as before, and suggests nothing', async () => {
    const { message } = await t.driver.customerSays(CHANNEL, CUSTOMER, 'invoice');
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    await t.driver.agentSays(CHANNEL, AGENT, 'Can you send us the logs?');
    expect(await t.db.collection('suggestions').countDocuments()).toBe(0);
  });
});
