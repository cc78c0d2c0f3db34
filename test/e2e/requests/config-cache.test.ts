import { startTestBot, type TestBot } from '../../support/bot.js';
import { allRequests, botPosts, CHANNEL, CUSTOMER, customerWorld, TRIAGE } from './world.js';

/**
 * Each instance keeps a channel's settings and links between messages, and drops them as soon as
 * any instance writes the configuration: two bots share one database and one Slack; A handles
 * the messages, B takes the admin's changes.
 */
describe('channel configuration cached per instance', () => {
  let a: TestBot;
  let b: TestBot;
  beforeAll(async () => {
    a = await customerWorld({ requests: { config: { conversation_grouping_window: 0 } } });
    b = await startTestBot({ sim: a.sim, database: a.database });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('applies a settings change made on the other instance to the next message', async () => {
    await a.driver.customerSays(CHANNEL, CUSTOMER, 'Exports fail since this morning');
    expect(await allRequests(a)).toHaveLength(1);

    const blocked = await b.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { config: { block_request_detection: true } } },
    });
    expect(blocked.status).toBe(200);
    await a.driver.customerSays(CHANNEL, CUSTOMER, 'And the API returns 500s');
    expect(await allRequests(a)).toHaveLength(1);

    await b.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      reset: ['requests.config.block_request_detection'],
    });
    await a.driver.customerSays(CHANNEL, CUSTOMER, 'Now the dashboard is down too');
    expect(await allRequests(a)).toHaveLength(2);
  });

  it('posts the next card to the triage channel the other instance linked', async () => {
    const escalations = 'C0TRIAGE2';
    a.sim.addChannel({ id: escalations, name: 'triage-2', members: [a.sim.botUserId] });
    const cardsBefore = botPosts(a, TRIAGE).length;
    const linked = await b.api('PUT', `/api/v1/channels/${CHANNEL}`, {
      triage_channel_id: escalations,
    });
    expect(linked.status).toBe(200);

    await a.driver.customerSays(CHANNEL, CUSTOMER, 'Billing page shows the wrong plan');
    await a.sim.waitFor(() => botPosts(a, escalations).length === 1);
    expect(botPosts(a, TRIAGE)).toHaveLength(cardsBefore);
    expect(JSON.stringify(botPosts(a, escalations)[0]?.blocks)).toContain('wrong plan');
  });
});
