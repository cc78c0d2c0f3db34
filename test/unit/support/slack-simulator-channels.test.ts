import { LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import { SlackSimulator } from '../../support/slack/simulator.js';

/** Slack's error code for a call that fails. */
async function slackError(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}

describe('SlackSimulator: conversations.create and conversations.invite', () => {
  let sim: SlackSimulator;
  let client: WebClient;

  beforeEach(async () => {
    sim = await SlackSimulator.start();
    sim.addUser({ id: 'U1', name: 'ann' });
    sim.addUser({ id: 'U2', name: 'bob' });
    sim.addChannel({ id: 'G1', name: 'secret', is_private: true, members: ['U2'] });
    sim.addChannel({ id: 'C9', name: 'old', is_archived: true, members: [sim.botUserId] });
    client = new WebClient(sim.botToken, {
      slackApiUrl: sim.url,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
  });
  afterEach(() => sim.close());

  it('creates a private channel with the bot as creator and only member', async () => {
    const created = await client.conversations.create({ name: 'int-acme', is_private: true });
    expect(created.channel).toMatchObject({
      name: 'int-acme',
      is_private: true,
      is_group: true,
      is_channel: false,
      is_member: true,
      creator: sim.botUserId,
    });
    expect([...(sim.channel(created.channel?.id as string)?.members ?? [])]).toEqual([
      sim.botUserId,
    ]);
  });

  it.each([
    ['Int-Acme', 'invalid_name_specials'], // upper case
    ['int acme', 'invalid_name_specials'],
    ['---', 'invalid_name_punctuation'],
    ['a'.repeat(81), 'invalid_name_maxlength'],
    ['secret', 'name_taken'], // a private channel the bot is not in still holds its name
    ['old', 'name_taken'], // so does an archived one
  ])('refuses the name %s: %s', async (name, error) => {
    expect(await slackError(client.conversations.create({ name }))).toBe(error);
  });

  it('refuses a missing name', async () => {
    expect(await slackError(client.apiCall('conversations.create', {}))).toBe(
      'invalid_name_required',
    );
  });

  it('invites people, and refuses the whole call for one it cannot add', async () => {
    const { channel } = await client.conversations.create({ name: 'team', is_private: true });
    const id = channel?.id as string;
    const invited = await client.conversations.invite({ channel: id, users: 'U1,U2' });
    expect(invited.channel).toMatchObject({ id, name: 'team' });
    expect(sim.channel(id)?.members).toEqual(new Set([sim.botUserId, 'U1', 'U2']));

    sim.addUser({ id: 'U3', name: 'cy' });
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U3,U1' }))).toBe(
      'already_in_channel',
    );
    expect(sim.channel(id)?.members.has('U3')).toBe(false);
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U0NOBODY' }))).toBe(
      'user_not_found',
    );
    const self = client.conversations.invite({ channel: id, users: sim.botUserId });
    expect(await slackError(self)).toBe('cant_invite_self');
    expect(await slackError(client.apiCall('conversations.invite', { channel: id }))).toBe(
      'no_user',
    );
  });

  it('invites only into a channel the bot can see and is in', async () => {
    expect(await slackError(client.conversations.invite({ channel: 'G1', users: 'U1' }))).toBe(
      'channel_not_found',
    );
    sim.addChannel({ id: 'C2', name: 'general', members: ['U1'] });
    expect(await slackError(client.conversations.invite({ channel: 'C2', users: 'U2' }))).toBe(
      'not_in_channel',
    );
    expect(await slackError(client.conversations.invite({ channel: 'C9', users: 'U2' }))).toBe(
      'is_archived',
    );
  });
});
