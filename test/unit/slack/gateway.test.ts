import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { SlackGateway } from '../../../src/slack/gateway.js';
import { SlackSimulator } from '../../support/slack/simulator.js';

const CHANNEL = 'C0ACME';
const CUSTOMER = 'U0CUSTOMER';

/**
 * The gateway's call options: an expected Slack error is an answer (undefined, nothing above
 * debug logged), best effort logs any other failure with its context and Slack's code, and
 * without options a failure propagates as the Web API client threw it.
 */
describe('the Slack gateway', () => {
  let sim: SlackSimulator;
  let lines: Record<string, unknown>[];
  let slack: SlackGateway;

  beforeAll(async () => {
    sim = await SlackSimulator.start({ teamId: 'T0SIM' });
    sim.addUser({ id: CUSTOMER, name: 'carol' });
    sim.addChannel({ id: CHANNEL, name: 'ext-acme', members: [sim.botUserId, CUSTOMER] });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.clearFaults();
    lines = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const client = new WebClient(sim.botToken, {
      slackApiUrl: sim.url,
      retryConfig: { retries: 0 },
    });
    slack = new SlackGateway(client, pino({ level: 'info' }, sink));
  });

  it('answers an expected Slack error with undefined and logs nothing above debug', async () => {
    sim.fail('reactions.add', { error: 'already_reacted' });
    const ts = sim.postAsUser(CHANNEL, CUSTOMER, 'Exports fail').ts;
    const answer = await slack.react(CHANNEL, ts, 'eyes', { expect: ['already_reacted'] });
    expect([answer, lines]).toEqual([undefined, []]);
  });

  it('logs a best-effort failure with its context and Slack’s code, and answers undefined', async () => {
    sim.fail('chat.postMessage', { error: 'channel_not_found' });
    const answer = await slack.post(
      { channel: CHANNEL, text: 'Hello' },
      { bestEffort: { step: 'greeting' } },
    );
    expect(answer).toBeUndefined();
    expect(lines).toEqual([
      expect.objectContaining({
        step: 'greeting',
        method: 'chat.postMessage',
        slackError: 'channel_not_found',
        msg: 'Slack call failed',
      }),
    ]);
  });

  it('lets an error it does not expect propagate', async () => {
    sim.fail('chat.delete', { error: 'cant_delete_message' });
    const ts = sim.postAsUser(CHANNEL, CUSTOMER, 'Exports fail').ts;
    await expect(
      slack.delete(CHANNEL, ts, { expect: ['message_not_found'] }),
    ).rejects.toMatchObject({
      data: { error: 'cant_delete_message' },
    });
  });

  it('answers an unknown channel with undefined, as a lookup that finds nothing', async () => {
    expect(await slack.channelInfo('C0NOWHERE')).toBeUndefined();
    expect(await slack.channelInfo(CHANNEL)).toMatchObject({ id: CHANNEL, name: 'ext-acme' });
  });
});
