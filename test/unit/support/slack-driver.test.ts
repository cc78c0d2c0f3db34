import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { SlackDriver } from '../../support/slack/driver.js';
import { SlackSimulator } from '../../support/slack/simulator.js';

const signingSecret = 'test-signing-secret';

/** Everything the tiny app's listeners saw, in order. */
interface Seen {
  kind: string;
  payload: Record<string, unknown>;
  retryNum?: number;
}

describe('SlackDriver against a Bolt app', () => {
  let sim: SlackSimulator;
  let receiver: ExpressReceiver;
  let driver: SlackDriver;
  let seen: Seen[];

  beforeEach(async () => {
    sim = await SlackSimulator.start();
    sim.addTeam({ id: 'TACME', name: 'Acme' });
    sim.addUser({ id: 'U1', name: 'ann', team_id: 'TACME' });
    sim.addUser({ id: 'U2', name: 'bob' });
    sim.addChannel({
      id: 'C1',
      name: 'ext-acme',
      is_ext_shared: true,
      members: ['U1', 'U2', sim.botUserId],
    });
    seen = [];

    receiver = new ExpressReceiver({ signingSecret, logLevel: LogLevel.ERROR });
    const app = new App({
      token: sim.botToken,
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: sim.url, retryConfig: { retries: 0 } },
    });
    app.message(async ({ message, context, say }) => {
      seen.push({ kind: 'message', payload: { ...message }, retryNum: context.retryNum });
      if ('text' in message && message.text === 'help') {
        await say({ text: 'A request was opened', thread_ts: message.ts });
      }
    });
    app.event(
      /^(reaction_added|member_joined_channel|channel_created|channel_rename|app_home_opened)$/,
      async ({ event }) => {
        seen.push({ kind: event.type, payload: { ...event } });
      },
    );
    app.command('/triage', async ({ command, ack, respond }) => {
      seen.push({ kind: 'command', payload: { ...command } });
      await ack('Working on it');
      await respond({ text: 'Done', response_type: 'in_channel' });
    });
    app.action('assign', async ({ ack, body, client }) => {
      await ack();
      seen.push({ kind: 'action', payload: { ...body } });
      if (body.type === 'block_actions') {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'assign_modal',
            title: { type: 'plain_text', text: 'Assign' },
            blocks: [],
          },
        });
      }
    });
    app.view('assign_modal', async ({ ack, view }) => {
      seen.push({ kind: 'view', payload: { ...view } });
      await ack();
    });

    const server = await receiver.start(0);
    const { port } = server.address() as AddressInfo;
    driver = new SlackDriver({
      appUrl: `http://127.0.0.1:${port}`,
      signingSecret,
      teamId: sim.teamId,
      apiAppId: sim.appId,
      sim,
    });
  });

  afterEach(async () => {
    await receiver.stop();
    await sim.close();
  });

  it('delivers a signed message event that the listener sees and answers through the simulator', async () => {
    const { message, response } = await driver.customerSays('C1', 'U1', 'help');
    expect(response.status).toBe(200);

    const reply = await sim.waitFor(() => sim.thread('C1', message.ts)[1]);
    expect(reply).toMatchObject({ text: 'A request was opened', bot_id: 'B0BOT' });
    expect(seen).toMatchObject([
      {
        kind: 'message',
        payload: {
          channel: 'C1',
          user: 'U1',
          text: 'help',
          ts: message.ts,
          channel_type: 'channel',
          team: 'TACME',
          user_team: 'TACME',
          source_team: 'TACME',
        },
      },
    ]);
  });

  it('delivers edits, deletions, reactions, joins, channel changes and App Home opens', async () => {
    const { message } = await driver.customerSays('C1', 'U1', 'typo');
    await driver.messageChanged('C1', message.ts, 'fixed');
    await driver.reactionAdded('C1', message.ts, 'U2', 'eyes');
    await driver.messageDeleted('C1', message.ts);
    sim.addUser({ id: 'U3', name: 'cy' });
    await driver.memberJoinedChannel('C1', 'U3', { inviter: 'U2' });
    sim.addChannel({ id: 'C9', name: 'ext-globex', creator: 'U2' });
    await driver.channelCreated('C9');
    await driver.channelRename('C9', 'ext-globex-corp');
    await driver.appHomeOpened('U2');
    await sim.waitFor(() => seen.length === 8);

    expect(seen.map((s) => s.kind)).toEqual([
      'message',
      'message',
      'reaction_added',
      'message',
      'member_joined_channel',
      'channel_created',
      'channel_rename',
      'app_home_opened',
    ]);
    expect(seen[1]?.payload).toMatchObject({
      subtype: 'message_changed',
      message: { text: 'fixed', ts: message.ts, edited: { user: 'U1' } },
      previous_message: { text: 'typo' },
    });
    expect(seen[2]?.payload).toMatchObject({
      user: 'U2',
      reaction: 'eyes',
      item: { type: 'message', channel: 'C1', ts: message.ts },
      item_user: 'U1',
    });
    expect(seen[3]?.payload).toMatchObject({ subtype: 'message_deleted', deleted_ts: message.ts });
    expect(seen[4]?.payload).toMatchObject({ user: 'U3', channel: 'C1', inviter: 'U2' });
    expect(seen[5]?.payload).toMatchObject({ channel: { id: 'C9', name: 'ext-globex' } });
    expect(seen[6]?.payload).toMatchObject({ channel: { id: 'C9', name: 'ext-globex-corp' } });
    expect(seen[7]?.payload).toMatchObject({ user: 'U2', tab: 'home' });
    expect(sim.messages('C1')).toEqual([]);
    expect(sim.channel('C1')?.members.has('U3')).toBe(true);
  });

  it('passes retry headers through to the listener context', async () => {
    const message = sim.postAsUser('C1', 'U2', 'again');
    await driver.message(message, 'C1', { retryNum: 1, retryReason: 'http_timeout' });
    await sim.waitFor(() => seen.length > 0);
    expect(seen[0]?.retryNum).toBe(1);
  });

  it('sends /triage form-encoded, shows the ack and records the response URL post', async () => {
    const res = await driver.command({ text: 'status', user_id: 'U2', channel_id: 'C1' });
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({
      kind: 'command',
      payload: { command: '/triage', text: 'status', user_id: 'U2', channel_id: 'C1' },
    });
    expect(sim.ephemerals('C1', 'U2')).toMatchObject([{ text: 'Working on it' }]);
    await sim.waitFor(() => sim.responses().length > 0);
    expect(sim.responses()[0]?.url).toBe(res.response_url);
    expect(sim.messages('C1')).toMatchObject([{ text: 'Done' }]);
  });

  it('sends block actions whose trigger opens a modal, then submits the modal', async () => {
    const posted = sim.postAsBot('C1', 'New request', {
      blocks: [
        {
          type: 'actions',
          block_id: 'request_actions',
          elements: [
            {
              type: 'button',
              action_id: 'assign',
              value: 'req-1',
              text: { type: 'plain_text', text: 'Assign to me' },
            },
          ],
        },
      ],
    });
    await driver.action({ user: 'U2', action_id: 'assign', channel: 'C1', message_ts: posted.ts });
    const [modal] = await sim.waitFor(() => sim.openedViews().length > 0 && sim.openedViews());
    expect(seen[0]?.payload).toMatchObject({
      type: 'block_actions',
      actions: [{ action_id: 'assign', block_id: 'request_actions', value: 'req-1' }],
      message: { ts: posted.ts },
      container: { type: 'message', channel_id: 'C1', message_ts: posted.ts },
    });
    expect(modal).toMatchObject({ user: 'U2', status: 'open' });

    const submitted = await driver.viewSubmission({ user: 'U2', view_id: modal!.id, values: {} });
    expect(submitted.status).toBe(200);
    expect(seen[1]).toMatchObject({ kind: 'view', payload: { callback_id: 'assign_modal' } });
    expect(sim.view(modal!.id)?.status).toBe('closed');
  });

  it('gets 401 for a wrong signature or a stale timestamp', async () => {
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'message' } });
    const now = Math.floor(Date.now() / 1000);
    const forged = await driver.send(body, {
      'Content-Type': 'application/json',
      'X-Slack-Request-Timestamp': String(now),
      'X-Slack-Signature': `v0=${'0'.repeat(64)}`,
    });
    expect(forged.status).toBe(401);
    const stale = now - 10 * 60;
    const replayed = await driver.send(body, {
      'Content-Type': 'application/json',
      'X-Slack-Request-Timestamp': String(stale),
      'X-Slack-Signature': driver.sign(body, stale),
    });
    expect(replayed.status).toBe(401);
    expect(seen).toEqual([]);
  });
});
