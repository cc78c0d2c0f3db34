import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AiStub } from '../../support/ai-stub.js';
import { AGENT, CHANNEL, eventually, newRequest } from '../requests/world.js';
import { threadTexts, ticketOf, zendeskWorld, type ZendeskWorld } from '../connectors/world.js';
import { channelSettings } from './world.js';

const SUMMARY = 'Checkout fails with a 500 since this morning; no workaround yet.';

describe('send_ai_summary_to_connectors: a summary note on tickets the connectors create', () => {
  let w: ZendeskWorld;
  let stub: AiStub;
  beforeAll(async () => {
    stub = await AiStub.start();
    w = await zendeskWorld(
      { send_ai_summary_to_connectors: true },
      {},
      {
        AI_BASE_URL: stub.url,
        AI_MODEL: 'stub-chat',
        AI_MAX_RETRIES: '0',
        AI_MONTHLY_TOKEN_BUDGET: '1000',
      },
    );
  });
  afterAll(async () => {
    await w.stop();
    await stub.stop();
  });
  beforeEach(() => stub.reset());

  /** A request ticketed with 🎫; answers the Zendesk ticket once its link is in the thread. */
  async function ticketed(customer: string, text: string) {
    const { t, zendesk } = w;
    const message = await newRequest(t, customer, text);
    await t.driver.reactionAdded(CHANNEL, message.ts, AGENT, 'ticket');
    const ticket = await ticketOf(t, message.ts);
    await eventually(async () => threadTexts(t, message.ts).some((x) => x.includes(zendesk.url)));
    return zendesk.tickets.find((z) => String(z.id) === ticket?.id);
  }

  it('adds the model’s summary to a new ticket as an internal note', async () => {
    stub.on('summary', { json: { summary: SUMMARY } });
    const ticket = await ticketed('U0TS1', 'Checkout fails with error 500');
    expect(ticket?.comments).toEqual([
      expect.objectContaining({ body: 'Checkout fails with error 500', public: true }),
      expect.objectContaining({ body: `Summary (AI):\n${SUMMARY}`, public: false }),
    ]);
    expect(stub.count('summary')).toBe(1);
    expect(stub.calls[0]?.text).toContain('Customer: Checkout fails with error 500');
  });

  it.each(['malformed', '500'] as const)(
    'makes the ticket without a note when the answer is %s',
    async (fault) => {
      stub.on('summary', { fault });
      const ticket = await ticketed(`U0TS${fault.toUpperCase()}`, `Login broken (${fault})`);
      expect(ticket?.comments).toHaveLength(1);
      expect(stub.count('summary')).toBe(1);
    },
  );

  it('stops asking once the month’s budget is used: later tickets have no note', async () => {
    stub.tokensPerCall = 5_000;
    stub.on('summary', { json: { summary: SUMMARY } });
    expect((await ticketed('U0TSB1', 'Reports are empty'))?.comments).toHaveLength(2);
    expect((await ticketed('U0TSB2', 'Exports are empty'))?.comments).toHaveLength(1);
    expect(stub.count('summary')).toBe(1);
  });

  it('sends nothing with the setting off', async () => {
    await channelSettings(w.t, { tickets: { config: { send_ai_summary_to_connectors: false } } });
    const ticket = await ticketed('U0TSOFF', 'Billing page is blank');
    expect(ticket?.comments).toHaveLength(1);
    expect(stub.count()).toBe(0);
  });
});
