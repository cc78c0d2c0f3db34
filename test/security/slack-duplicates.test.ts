import { checkRollups } from '../../src/services/reports/rebuild.js';
import type { TestBot } from '../support/bot.js';
import type { DriverResponse } from '../support/slack/driver.js';
import type { SimMessage } from '../support/slack/types.js';
import {
  CHANNEL,
  TRIAGE,
  botPosts,
  customerWorld,
  eventually,
  newCustomer,
} from '../e2e/requests/world.js';

/**
 * Slack retries a delivery it got no 2xx for (X-Slack-Retry-Num), and sometimes sends one event
 * twice at once or under two event ids: each message still becomes one request and one card.
 */
describe('duplicate deliveries of one event', () => {
  const COPIES = 10;
  const ROUNDS = 3;
  let t: TestBot;
  let customers = 0;

  beforeAll(async () => {
    t = await customerWorld();
  });
  afterAll(() => t.stop());

  const question = (text: string) => {
    customers += 1;
    return t.sim.postAsUser(CHANNEL, newCustomer(t, `U0DUP${customers}`), text);
  };
  const requestsFor = (rootTs: string) =>
    t.db.collection('requests').find({ channelId: CHANNEL, rootTs }).toArray();
  const cardsFor = (text: string) =>
    botPosts(t, TRIAGE).filter((m) => JSON.stringify(m.blocks ?? m.text).includes(text));

  /** Each copy is answered 200 (processed, or already done) or 5xx (the first is still running). */
  function expectAcknowledgedOrRetryLater(responses: DriverResponse[]) {
    for (const res of responses) expect([200, 500]).toContain(res.status);
    expect(responses.filter((res) => res.status === 200).length).toBeGreaterThanOrEqual(1);
  }

  async function expectOnce(message: SimMessage, text: string) {
    await eventually(async () => cardsFor(text).length >= 1);
    // Let any straggler finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await requestsFor(message.ts)).toHaveLength(1);
    expect(cardsFor(text)).toHaveLength(1);
    const events = await t.db.collection('slack_events').find({ state: 'processing' }).toArray();
    expect(events).toEqual([]);
    // The opening is counted in the reports once, however many copies arrived.
    expect((await checkRollups(t.bot.deps, t.teamId)).differences).toEqual([]);
  }

  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    `${COPIES} parallel copies of one event_id, no retry headers (round %i): one request, one card`,
    async (round) => {
      const text = `Parallel copies ${round}: search returns nothing`;
      const message = question(text);
      const eventId = `Ev0PAR${round}`;
      const responses = await Promise.all(
        Array.from({ length: COPIES }, () => t.driver.message(message, CHANNEL, { eventId })),
      );
      expectAcknowledgedOrRetryLater(responses);
      await expectOnce(message, text);
      // Slack redelivers what got a 5xx later: acknowledged, nothing new.
      expect((await t.driver.message(message, CHANNEL, { eventId, retryNum: 3 })).status).toBe(200);
      await expectOnce(message, text);
    },
  );

  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    `${COPIES} parallel copies of one event_id with X-Slack-Retry-Num 0–${COPIES - 1} (round %i): one request, one card`,
    async (round) => {
      const text = `Retried copies ${round}: SSO login loops`;
      const message = question(text);
      const eventId = `Ev0RETRY${round}`;
      const responses = await Promise.all(
        Array.from({ length: COPIES }, (_, n) =>
          t.driver.message(
            message,
            CHANNEL,
            n === 0 ? { eventId } : { eventId, retryNum: n, retryReason: 'http_timeout' },
          ),
        ),
      );
      expectAcknowledgedOrRetryLater(responses);
      await expectOnce(message, text);
      expect((await t.driver.message(message, CHANNEL, { eventId, retryNum: COPIES })).status).toBe(
        200,
      );
      await expectOnce(message, text);
    },
  );

  it(`${COPIES} parallel copies of one message under ${COPIES} different event ids: one request, one card`, async () => {
    const text = 'Distinct event ids: webhooks fire twice';
    const message = question(text);
    const responses = await Promise.all(
      Array.from({ length: COPIES }, (_, n) =>
        t.driver.message(message, CHANNEL, { eventId: `Ev0DISTINCT${n}` }),
      ),
    );
    expectAcknowledgedOrRetryLater(responses);
    await expectOnce(message, text);
  });

  it('the same event_id delivered twice in sequence, the second as a retry: one request, one card', async () => {
    const text = 'Sequential retry: report export times out';
    const message = question(text);
    const eventId = 'Ev0SEQ';
    expect((await t.driver.message(message, CHANNEL, { eventId })).status).toBe(200);
    expect(
      (
        await t.driver.message(message, CHANNEL, {
          eventId,
          retryNum: 1,
          retryReason: 'http_timeout',
        })
      ).status,
    ).toBe(200);
    await expectOnce(message, text);
  });
});
