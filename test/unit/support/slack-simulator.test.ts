import {
  LogLevel,
  type ConversationsMembersResponse,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { SlackSimulator } from '../../support/slack/simulator.js';

/** The error a call rejected with, for asserting on its class and `data`. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

async function slackError(call: Promise<unknown>): Promise<string> {
  const error = await failure(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}

describe('SlackSimulator', () => {
  let sim: SlackSimulator;
  let client: WebClient;
  const clientFor = (opts: WebClientOptions = {}): WebClient =>
    new WebClient(sim.botToken, {
      slackApiUrl: sim.url,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
      ...opts,
    });

  beforeEach(async () => {
    sim = await SlackSimulator.start();
    sim.addUser({ id: 'U1', name: 'ann', real_name: 'Ann Customer', team_id: 'TACME' });
    sim.addUser({ id: 'U2', name: 'bob', real_name: 'Bob Agent' });
    sim.addUser({ id: 'U3', name: 'cy' });
    sim.addChannel({
      id: 'C1',
      name: 'ext-acme',
      is_ext_shared: true,
      members: ['U1', 'U2', sim.botUserId],
    });
    sim.addChannel({ id: 'C2', name: 'general', members: ['U1'] });
    sim.addChannel({ id: 'G1', name: 'secret', is_private: true, members: ['U2'] });
    client = clientFor();
  });

  afterEach(async () => {
    await sim.close();
  });

  it('answers auth.test as the bot', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0SIM' });
  });

  it('posts messages and thread replies, counting replies on the parent', async () => {
    const root = await client.chat.postMessage({ channel: 'C1', text: 'New request' });
    expect(root).toMatchObject({ ok: true, channel: 'C1', message: { text: 'New request' } });
    expect(root.ts).toMatch(/^\d{10}\.\d{6}$/);
    const customer = sim.postAsUser('C1', 'U1', 'thanks', { thread_ts: root.ts });
    const reply = await client.chat.postMessage({
      channel: 'C1',
      thread_ts: root.ts!,
      text: 'On it',
      reply_broadcast: true,
    });

    const thread = sim.thread('C1', root.ts!);
    expect(thread.map((m) => m.text)).toEqual(['New request', 'thanks', 'On it']);
    expect(thread[0]).toMatchObject({ reply_count: 2, reply_users: ['U1', 'U0BOT'] });
    expect(thread[0]?.latest_reply).toBe(reply.ts);
    expect(customer.parent_user_id).toBe('U0BOT');
    // The broadcast reply shows in the channel too; the plain reply does not.
    expect(sim.messages('C1').map((m) => m.text)).toEqual(['New request', 'On it']);

    const replies = await client.conversations.replies({ channel: 'C1', ts: root.ts! });
    expect(replies.messages?.map((m) => m.text)).toEqual(['New request', 'thanks', 'On it']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 2, thread_ts: root.ts });
  });

  it('gives every message a unique, increasing ts even when the clock stands still', async () => {
    await sim.close();
    sim = await SlackSimulator.start({ now: () => 1_700_000_000_000 });
    sim.addChannel({ id: 'C1', name: 'c', members: [sim.botUserId] });
    client = clientFor();
    const a = await client.chat.postMessage({ channel: 'C1', text: 'a' });
    const b = await client.chat.postMessage({ channel: 'C1', text: 'b' });
    expect([a.ts, b.ts]).toEqual(['1700000000.000000', '1700000000.000001']);
  });

  it('updates the bot’s own messages only', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'Status: open' });
    const res = await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'Status: closed' });
    expect(res).toMatchObject({ ok: true, channel: 'C1', ts: posted.ts, text: 'Status: closed' });
    expect(sim.message('C1', posted.ts!)).toMatchObject({
      text: 'Status: closed',
      edited: { user: 'U0BOT' },
    });

    const theirs = sim.postAsUser('C1', 'U1', 'hello');
    expect(await slackError(client.chat.update({ channel: 'C1', ts: theirs.ts, text: 'x' }))).toBe(
      'cant_update_message',
    );
    expect(await slackError(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
  });

  it('deletes messages, taking replies out of the thread count', async () => {
    const root = await client.chat.postMessage({ channel: 'C1', text: 'root' });
    const reply = await client.chat.postMessage({ channel: 'C1', text: 'r', thread_ts: root.ts });
    await client.chat.delete({ channel: 'C1', ts: reply.ts! });
    expect(sim.thread('C1', root.ts!).map((m) => m.text)).toEqual(['root']);
    expect(sim.message('C1', root.ts!)?.reply_count).toBe(0);
    await client.chat.delete({ channel: 'C1', ts: root.ts! });
    expect(sim.messages('C1')).toEqual([]);
    expect(await slackError(client.chat.delete({ channel: 'C1', ts: root.ts! }))).toBe(
      'message_not_found',
    );
  });

  it('shows ephemerals only to channel members', async () => {
    const res = await client.chat.postEphemeral({ channel: 'C1', user: 'U2', text: 'Only you' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(sim.ephemerals('C1', 'U2')).toMatchObject([{ text: 'Only you', via: 'api' }]);
    expect(sim.ephemerals('C1', 'U1')).toEqual([]);
    expect(
      await slackError(client.chat.postEphemeral({ channel: 'C1', user: 'U3', text: 'x' })),
    ).toBe('user_not_in_channel');
  });

  it('adds and removes reactions with Slack’s errors', async () => {
    const { ts } = sim.postAsUser('C1', 'U1', 'help');
    await client.reactions.add({ channel: 'C1', timestamp: ts, name: 'eyes' });
    sim.react('C1', ts, 'U2', 'eyes');
    expect(sim.reactionsOn('C1', ts)).toEqual([{ name: 'eyes', users: ['U0BOT', 'U2'], count: 2 }]);
    expect(
      await slackError(client.reactions.add({ channel: 'C1', timestamp: ts, name: 'eyes' })),
    ).toBe('already_reacted');
    const got = await client.reactions.get({ channel: 'C1', timestamp: ts });
    expect(got.message?.reactions).toEqual([{ name: 'eyes', users: ['U0BOT', 'U2'], count: 2 }]);

    await client.reactions.remove({ channel: 'C1', timestamp: ts, name: 'eyes' });
    expect(sim.reactionsOn('C1', ts)).toEqual([{ name: 'eyes', users: ['U2'], count: 1 }]);
    expect(
      await slackError(client.reactions.remove({ channel: 'C1', timestamp: ts, name: 'eyes' })),
    ).toBe('no_reaction');
  });

  it('refuses channels the bot is not in, or cannot see, or that are archived', async () => {
    const notIn = await failure(client.chat.postMessage({ channel: 'C2', text: 'hi' }));
    expect(notIn).toBeInstanceOf(WebAPIPlatformError);
    expect((notIn as WebAPIPlatformError).data.error).toBe('not_in_channel');
    expect(await slackError(client.chat.postMessage({ channel: 'C404', text: 'hi' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(client.conversations.info({ channel: 'G1' }))).toBe(
      'channel_not_found',
    );
    sim.archiveChannel('C1');
    expect(await slackError(client.chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe(
      'is_archived',
    );
    expect(sim.calls('chat.postMessage').map((c) => c.error)).toEqual([
      'not_in_channel',
      'channel_not_found',
      'is_archived',
    ]);
  });

  it('pages conversations.members with cursors', async () => {
    for (let i = 10; i < 15; i += 1) {
      sim.addUser({ id: `U${i}` });
      sim.joinChannel('C1', `U${i}`);
    }
    const first = await client.conversations.members({ channel: 'C1', limit: 3 });
    expect(first.members).toEqual(['U1', 'U2', 'U0BOT']);
    expect(first.response_metadata?.next_cursor).not.toBe('');
    const pages: string[][] = [];
    for await (const page of client.paginate('conversations.members', {
      channel: 'C1',
      limit: 3,
    })) {
      pages.push((page as ConversationsMembersResponse).members ?? []);
    }
    expect(pages).toEqual([
      ['U1', 'U2', 'U0BOT'],
      ['U10', 'U11', 'U12'],
      ['U13', 'U14'],
    ]);
  });

  it('rate-limits with 429 and Retry-After, changing nothing', async () => {
    sim.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const rejecting = clientFor({ rejectRateLimitedCalls: true });
    const error = await failure(rejecting.chat.postMessage({ channel: 'C1', text: 'hi' }));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    expect(sim.messages('C1')).toEqual([]);
    expect(sim.calls('chat.postMessage')).toMatchObject([{ status: 429, error: 'ratelimited' }]);
  });

  it('lets a client that honours Retry-After succeed on the next attempt', async () => {
    sim.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const patient = clientFor({ retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 } });
    const res = await patient.chat.postMessage({ channel: 'C1', text: 'hi' });
    expect(res.ok).toBe(true);
    expect(sim.messages('C1').map((m) => m.text)).toEqual(['hi']);
    expect(sim.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('fails with a 5xx once, then succeeds on retry', async () => {
    sim.fail('*', { status: 500 });
    const once = await failure(client.chat.postMessage({ channel: 'C1', text: 'hi' }));
    expect(once).toBeInstanceOf(WebAPIHTTPError);
    expect((once as WebAPIHTTPError).statusCode).toBe(500);

    sim.fail('chat.postMessage', { status: 503 });
    const retrying = clientFor({ retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 } });
    await retrying.chat.postMessage({ channel: 'C1', text: 'hi' });
    expect(sim.messages('C1').map((m) => m.text)).toEqual(['hi']);
    expect(sim.calls('chat.postMessage').map((c) => c.status)).toEqual([500, 503, 200]);
  });

  it('injects Slack errors only for matching calls, and hangs when told to', async () => {
    sim.fail('chat.postMessage', { error: 'fatal_error' }, { when: (p) => p.channel === 'C1' });
    sim.addChannel({ id: 'C3', name: 'triage', members: [sim.botUserId] });
    await client.chat.postMessage({ channel: 'C3', text: 'unaffected' });
    expect(await slackError(client.chat.postMessage({ channel: 'C1', text: 'x' }))).toBe(
      'fatal_error',
    );

    sim.fail('users.info', { hang: true });
    const impatient = clientFor({ timeout: 100 });
    expect(await failure(impatient.users.info({ user: 'U1' }))).toBeInstanceOf(WebAPIRequestError);
    sim.fail('users.info', { error: 'ratelimited' }, { times: 2 });
    sim.clearFaults();
    expect((await client.users.info({ user: 'U1' })).user?.name).toBe('ann');
  });

  it('accepts JSON bodies and GET queries as well as forms', async () => {
    const json = await fetch(`${sim.url}chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.botToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'C1', text: 'via json', blocks: [{ type: 'divider' }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, message: { text: 'via json' } });
    expect(sim.calls('chat.postMessage')[0]?.params.blocks).toEqual([{ type: 'divider' }]);
    const get = await fetch(`${sim.url}users.info?user=U2&token=${sim.botToken}`);
    expect(await get.json()).toMatchObject({ ok: true, user: { id: 'U2', name: 'bob' } });
    const anonymous = await fetch(`${sim.url}auth.test`, { method: 'POST' });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('rejects a wrong token and unknown methods', async () => {
    const stranger = new WebClient('xoxb-wrong', {
      slackApiUrl: sim.url,
      retryConfig: { retries: 0 },
    });
    expect(await slackError(stranger.auth.test())).toBe('invalid_auth');
    expect(await slackError(client.apiCall('chat.teleport'))).toBe('unknown_method');
  });

  it('reads conversations, history, users and the team as Slack shapes them', async () => {
    const info = await client.conversations.info({ channel: 'C1', include_num_members: true });
    expect(info.channel).toMatchObject({
      id: 'C1',
      name: 'ext-acme',
      is_ext_shared: true,
      is_member: true,
      num_members: 3,
      shared_team_ids: ['T0SIM', 'TACME'],
    });
    const joined = await client.conversations.join({ channel: 'C2' });
    expect(joined.channel?.is_member).toBe(true);
    const list = await client.conversations.list({ types: 'public_channel,private_channel' });
    expect(list.channels?.map((c) => c.id)).toEqual(['C1', 'C2']);

    const a = sim.postAsUser('C1', 'U1', 'first');
    const b = await client.chat.postMessage({ channel: 'C1', text: 'second' });
    const history = await client.conversations.history({ channel: 'C1', limit: 1 });
    expect(history.messages?.map((m) => m.ts)).toEqual([b.ts]);
    expect(history.has_more).toBe(true);
    const older = await client.conversations.history({
      channel: 'C1',
      cursor: history.response_metadata?.next_cursor,
    });
    expect(older.messages).toMatchObject([{ ts: a.ts, user: 'U1', team: 'TACME', text: 'first' }]);

    const link = await client.chat.getPermalink({ channel: 'C1', message_ts: a.ts });
    expect(link.permalink).toBe(
      `https://sim-workspace.slack.com/archives/C1/p${a.ts.replace('.', '')}`,
    );
    const user = await client.users.info({ user: 'U1' });
    expect(user.user).toMatchObject({ id: 'U1', team_id: 'TACME', real_name: 'Ann Customer' });
    expect(await slackError(client.users.info({ user: 'U404' }))).toBe('user_not_found');
    const team = await client.team.info();
    expect(team.team?.icon?.image_132).toMatch(/^https:\/\//);
  });

  it('publishes App Home and opens modals with single-use triggers', async () => {
    await client.views.publish({
      user_id: 'U2',
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi' } }] },
    });
    expect(sim.homeView('U2')?.view.blocks).toHaveLength(1);

    const trigger_id = sim.issueTriggerId('U2');
    const modal = {
      type: 'modal' as const,
      callback_id: 'close_request',
      title: { type: 'plain_text' as const, text: 'Close' },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id, view: modal });
    expect(sim.openedViews()).toMatchObject([{ user: 'U2', trigger_id, status: 'open' }]);
    expect(await slackError(client.views.open({ trigger_id, view: modal }))).toBe(
      'expired_trigger_id',
    );
    await client.views.update({
      view_id: opened.view!.id!,
      view: { ...modal, title: { type: 'plain_text', text: 'Closed' } },
    });
    expect(sim.openedViews()[0]?.view.title).toEqual({ type: 'plain_text', text: 'Closed' });
  });

  it('records posts to response URLs and shows them where Slack would', async () => {
    const url = sim.responseUrl({ channel: 'C1', user: 'U2' });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Only you see this' }),
    });
    expect(res.status).toBe(200);
    await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Everyone sees this', response_type: 'in_channel' }),
    });
    expect(sim.responses().map((r) => r.body.text)).toEqual([
      'Only you see this',
      'Everyone sees this',
    ]);
    expect(sim.ephemerals('C1', 'U2')).toMatchObject([{ text: 'Only you see this' }]);
    expect(sim.messages('C1')).toMatchObject([{ text: 'Everyone sees this', bot_id: 'B0BOT' }]);
  });
});
