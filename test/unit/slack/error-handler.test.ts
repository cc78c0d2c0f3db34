import { Writable } from 'node:stream';
import { ErrorCode as BoltErrorCode } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { AppError, ERRORS } from '../../../src/errors.js';
import { slackErrorHandler } from '../../../src/slack/error-handler.js';
import { SlackGateway } from '../../../src/slack/gateway.js';
import { SlackSimulator } from '../../support/slack/simulator.js';

const TEAM = 'T0SIM';
const AGENT = 'U0AGENT';
const TRIAGE = 'C0TRIAGE';
/** Secrets a payload and Bolt's context carry; none may reach the log. */
const VERIFICATION_TOKEN = 'verification-token-sekrit';
const BOT_TOKEN = 'xoxb-context-sekrit';

const click = (extra: Record<string, unknown> = {}) => ({
  type: 'block_actions',
  token: VERIFICATION_TOKEN,
  team: { id: TEAM },
  user: { id: AGENT },
  channel: { id: TRIAGE },
  actions: [{ action_id: 'request_close' }],
  response_url: 'https://hooks.slack.test/actions/T0SIM/1/sekrit',
  ...extra,
});

/**
 * The Bolt app's error handler on its own: the Web API client it uses talks to the Slack
 * simulator, its log goes to a buffer the test reads.
 */
describe('the Slack error handler', () => {
  let sim: SlackSimulator;
  let lines: string[];
  let handle: ReturnType<typeof slackErrorHandler>;

  beforeAll(async () => {
    sim = await SlackSimulator.start({ teamId: TEAM });
    sim.addUser({ id: AGENT, name: 'alice' });
    sim.addChannel({ id: TRIAGE, name: 'triage', members: [sim.botUserId, AGENT] });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    lines = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const client = new WebClient(sim.botToken, { slackApiUrl: sim.url });
    handle = slackErrorHandler({
      logger: pino({ level: 'info' }, sink),
      slack: async () => new SlackGateway(client, pino({ level: 'silent' })),
    });
  });

  const context = { teamId: TEAM, botToken: BOT_TOKEN };
  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('shows the clicker the sentence of an unexpected failure, never its text', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'triage')");
    await handle({ error: bug, body: click(), context });
    const shown = sim.ephemerals(TRIAGE, AGENT).map((e) => e.text);
    expect(shown).toEqual([`:warning: ${ERRORS.internal.say}`]);
    expect(logged()).toEqual([
      expect.objectContaining({
        code: 'internal',
        kind: 'block_actions',
        actionId: 'request_close',
      }),
    ]);
    const log = lines.join('');
    expect([
      log.includes(VERIFICATION_TOKEN),
      log.includes(BOT_TOKEN),
      log.includes('sekrit'),
    ]).toEqual([false, false, false]);
  });

  it('answers in the thread the click came from', async () => {
    const error = new AppError('request_not_found', 'unknown request 0123');
    await handle({
      error,
      body: click({ container: { thread_ts: '1700000000.000100' } }),
      context,
    });
    expect(sim.ephemerals(TRIAGE, AGENT).at(-1)).toMatchObject({
      text: `:warning: ${ERRORS.request_not_found.say}`,
      thread_ts: '1700000000.000100',
    });
    expect(logged()[0]).toMatchObject({ level: 40, code: 'request_not_found' });
  });

  it('answers a slash command in its channel', async () => {
    const before = sim.ephemerals(TRIAGE, AGENT).length;
    const body = {
      command: '/triage',
      team_id: TEAM,
      user_id: AGENT,
      channel_id: TRIAGE,
      text: '',
    };
    await handle({ error: new AppError('channel_not_set_up', 'run setup'), body, context });
    expect(
      sim
        .ephemerals(TRIAGE, AGENT)
        .slice(before)
        .map((e) => e.text),
    ).toEqual([`:warning: ${ERRORS.channel_not_set_up.say}`]);
  });

  it('only logs a failed view submission: it has no channel and its ack has gone', async () => {
    const before = sim.ephemerals().length;
    const body = {
      type: 'view_submission',
      team: { id: TEAM },
      user: { id: AGENT },
      view: { callback_id: 'feedback_comment' },
    };
    await handle({ error: new Error('boom'), body, context });
    expect(sim.ephemerals()).toHaveLength(before);
    expect(logged()[0]).toMatchObject({ code: 'internal', callbackId: 'feedback_comment' });
  });

  it('throws an event’s error on, for the inbox to retry or the receiver to refuse', async () => {
    const before = sim.ephemerals().length;
    const error = new AppError('database_unavailable', 'database unavailable');
    const body = {
      type: 'event_callback',
      token: VERIFICATION_TOKEN,
      team_id: TEAM,
      event_id: 'Ev0FAIL',
      event: { type: 'message', user: AGENT, channel: TRIAGE },
    };
    await expect(handle({ error, body, context })).rejects.toBe(error);
    expect(sim.ephemerals()).toHaveLength(before);
    expect(logged()[0]).toMatchObject({
      level: 50,
      code: 'database_unavailable',
      eventId: 'Ev0FAIL',
    });
  });

  it('throws an authorization failure on, so Bolt answers 401 as before', async () => {
    const error = Object.assign(new Error('Authorization of incoming event did not succeed.'), {
      code: BoltErrorCode.AuthorizationError,
      original: new AppError('workspace_not_installed', 'not installed in T0SIM'),
    });
    await expect(handle({ error, body: click(), context: {} })).rejects.toBe(error);
    expect(logged()[0]).toMatchObject({ code: 'workspace_not_installed' });
  });
});
