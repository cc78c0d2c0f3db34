import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  allRequests,
  botPosts,
  CHANNEL,
  newCustomer,
  requestOf,
  TRIAGE,
} from '../requests/world.js';
import { aiWorld, channelSettings, type AiWorld } from './world.js';

const smart = (on: boolean, window: number) => ({
  requests: { config: { ai_smart_grouping: on, conversation_grouping_window: window } },
});

describe('ai_smart_grouping: the model groups a customer’s follow-up or opens a new request', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld(smart(true, 0));
  });
  afterAll(() => w.stop());
  beforeEach(() => w.stub.reset());

  it('adds a follow-up the model calls the same request to it, past the window, with no new card', async () => {
    const { t, stub } = w;
    const customer = newCustomer(t, 'U0GROUP1');
    const { message: first } = await t.driver.customerSays(
      CHANNEL,
      customer,
      'Our CSV export fails with a 500',
    );
    expect(stub.count()).toBe(0); // no open request yet: nothing to ask
    const cards = botPosts(t, TRIAGE).length;
    stub.on('grouping', { json: { same_request: true } });

    const { message: second } = await t.driver.customerSays(
      CHANNEL,
      customer,
      'The PDF export is broken too',
    );

    expect(stub.count('grouping')).toBe(1);
    expect(stub.calls[0]?.text).toContain('Our CSV export fails with a 500');
    expect(stub.calls[0]?.text).toContain('The PDF export is broken too');
    expect(await requestOf(t, second.ts)).toBeNull();
    expect((await requestOf(t, first.ts))?.groupedTs).toEqual([second.ts]);
    expect(botPosts(t, TRIAGE)).toHaveLength(cards);
  });

  it('opens a new request when the model says so, even within the grouping window', async () => {
    const { t, stub } = w;
    await channelSettings(t, smart(true, 60));
    const customer = newCustomer(t, 'U0GROUP2');
    const { message: first } = await t.driver.customerSays(
      CHANNEL,
      customer,
      'Login is slow today',
    );
    stub.on('grouping', { json: { same_request: false } });

    const { message: second } = await t.driver.customerSays(
      CHANNEL,
      customer,
      'How do I add a teammate?',
    );

    expect(stub.count('grouping')).toBe(1);
    expect(await requestOf(t, second.ts)).toMatchObject({
      status: 'open',
      text: 'How do I add a teammate?',
    });
    expect((await requestOf(t, first.ts))?.groupedTs).toEqual([]);
    await t.sim.waitFor(() =>
      botPosts(t, TRIAGE).some((m) =>
        JSON.stringify(m.blocks).includes('How do I add a teammate?'),
      ),
    );
  });

  it.each(['malformed', 'invalid', '500'] as const)(
    'keeps today’s grouping window when the model’s answer is %s',
    async (fault) => {
      const { t, stub } = w;
      await channelSettings(t, smart(true, 60));
      const customer = newCustomer(t, `U0FAULT${fault.toUpperCase()}`);
      const { message: first } = await t.driver.customerSays(
        CHANNEL,
        customer,
        'Billing page shows an error',
      );
      stub.on('grouping', { fault });

      const { message: second } = await t.driver.customerSays(
        CHANNEL,
        customer,
        'Invoices are missing as well',
      );

      expect(stub.count('grouping')).toBeGreaterThanOrEqual(1);
      expect(await requestOf(t, second.ts)).toBeNull();
      expect((await requestOf(t, first.ts))?.groupedTs).toEqual([second.ts]);
    },
  );

  it('sends nothing with the setting off: the stub sees no call and the window decides', async () => {
    const { t, stub } = w;
    await channelSettings(t, smart(false, 0));
    const customer = newCustomer(t, 'U0OFF');
    const before = (await allRequests(t)).length;
    await t.driver.customerSays(CHANNEL, customer, 'Webhooks stopped arriving');
    await t.driver.customerSays(CHANNEL, customer, 'Same for the Zapier integration');

    expect(stub.count()).toBe(0);
    expect(await allRequests(t)).toHaveLength(before + 2); // window 0: each opens a request
  });
});

describe('ai_smart_grouping within the monthly token budget', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld(smart(true, 0), { AI_MONTHLY_TOKEN_BUDGET: '150' });
  });
  afterAll(() => w.stop());

  it('stops asking once the budget is used, and groups as if AI were off', async () => {
    const { t, stub } = w;
    stub.tokensPerCall = 100;
    stub.on('grouping', { json: { same_request: true } });
    const customer = newCustomer(t, 'U0BUDGET');
    const { message: first } = await t.driver.customerSays(CHANNEL, customer, 'SSO login fails');
    // 0 used → asked (100 tokens); 100 < 150 → asked (200); 200 ≥ 150 → not asked.
    const { message: second } = await t.driver.customerSays(
      CHANNEL,
      customer,
      'Okta says invalid audience',
    );
    const { message: third } = await t.driver.customerSays(CHANNEL, customer, 'Also for Azure AD');
    const { message: fourth } = await t.driver.customerSays(
      CHANNEL,
      customer,
      'Our SCIM sync is stuck',
    );

    expect(stub.count('grouping')).toBe(2);
    expect((await requestOf(t, first.ts))?.groupedTs).toEqual([second.ts, third.ts]);
    expect(await requestOf(t, fourth.ts)).toMatchObject({ status: 'open' }); // window 0: a new one
    const usage = await t.db.collection('ai_usage').find({}).toArray();
    expect(usage).toMatchObject([{ teamId: t.teamId, tokens: 200, calls: 2 }]);
  });
});
