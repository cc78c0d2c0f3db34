import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { AGENT, CHANNEL, cardText, click, newCustomer, TRIAGE } from '../requests/world.js';
import { aiWorld, channelSettings, type AiWorld } from './world.js';

const assist = (on: boolean) => ({ requests: { config: { ai_assist_auto_responder: on } } });

/** A request whose thread holds `replies` messages after the opening one, customer and agent in turn. */
async function thread(t: TestBot, customerId: string, replies: number): Promise<string> {
  const customer = newCustomer(t, customerId);
  const { message } = await t.driver.customerSays(
    CHANNEL,
    customer,
    'Our CSV export fails with a 500',
  );
  for (let i = 1; i <= replies; i++) {
    const opts = { thread_ts: message.ts };
    if (i % 2 === 1) await t.driver.agentSays(CHANNEL, AGENT, `Agent reply ${i}`, opts);
    else await t.driver.customerSays(CHANNEL, customer, `Customer reply ${i}`, opts);
  }
  await t.bot.inbox.idle(); // the opening's hooks (its drafted reply, same setting) have run
  return message.ts;
}

/** Clicks Summarise on the card and returns the ephemeral the agent then sees. */
async function summarise(t: TestBot, rootTs: string): Promise<string> {
  const before = t.sim.ephemerals(TRIAGE, AGENT).length;
  await click(t, rootTs, ACTIONS.summarise);
  const shown = await t.sim.waitFor(() => t.sim.ephemerals(TRIAGE, AGENT)[before], {
    what: 'the summary ephemeral',
  });
  return shown.text;
}

describe('the card’s Summarise: a thread’s summary to the agent who asks', () => {
  let w: AiWorld;
  beforeAll(async () => {
    w = await aiWorld(assist(true), { AI_MONTHLY_TOKEN_BUDGET: '1000' });
  });
  afterAll(() => w.stop());
  beforeEach(() => w.stub.reset());

  it('summarises a thread of five messages, sending the conversation, to the clicker only', async () => {
    const { t, stub } = w;
    const root = await thread(t, 'U0SUM1', 4);
    expect(await cardText(t, root)).toContain(ACTIONS.summarise);
    stub.on('summary', { json: { summary: 'CSV export fails; agent is checking.' } });

    const text = await summarise(t, root);

    expect(text).toContain('CSV export fails; agent is checking.');
    expect(stub.count('summary')).toBe(1);
    const asked = stub.calls.find((c) => c.prompt === 'summary')?.text;
    expect(asked).toContain('Customer: Our CSV export fails with a 500');
    expect(asked).toContain('Agent: Agent reply 1');
    expect(asked).toContain('Customer: Customer reply 4');
    expect(t.sim.messages(CHANNEL).some((m) => m.text?.includes('agent is checking'))).toBe(false);
  });

  it('answers a short thread without asking the model', async () => {
    const { t, stub } = w;
    const root = await thread(t, 'U0SUM2', 2);
    expect(await summarise(t, root)).toContain('fewer than 5 messages');
    expect(stub.count('summary')).toBe(0); // (the opening's drafted reply was its one call)
  });

  it('says there is no summary when the answer is malformed', async () => {
    const { t, stub } = w;
    const root = await thread(t, 'U0SUM3', 4);
    stub.on('summary', { fault: 'malformed' });
    expect(await summarise(t, root)).toContain('no usable answer');
    expect(stub.count('summary')).toBe(1);
  });

  it('stops asking once the month’s budget is used', async () => {
    const { t, stub } = w;
    const root = await thread(t, 'U0SUM4', 4);
    stub.tokensPerCall = 5_000;
    stub.on('summary', { json: { summary: 'Export broken.' } });
    expect(await summarise(t, root)).toContain('Export broken.');
    expect(await summarise(t, root)).toContain('no usable answer');
    expect(stub.count('summary')).toBe(1);
  });

  it('offers no Summarise with AI assist off, and a click sends nothing', async () => {
    const { t, stub } = w;
    await channelSettings(t, assist(false));
    const root = await thread(t, 'U0SUM5', 4);
    expect(await cardText(t, root)).not.toContain(ACTIONS.summarise);
    expect(await summarise(t, root)).toContain('AI assist is off');
    expect(stub.count()).toBe(0);
  });
});
