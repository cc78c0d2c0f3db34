import { ACTIONS } from '../../src/constants.js';
import type { TestBot } from '../support/bot.js';
import {
  AGENT,
  CHANNEL,
  CUSTOMER,
  TRIAGE,
  click,
  customerWorld,
  eventually,
  requestOf,
} from '../e2e/requests/world.js';

/**
 * No transition happens silently: whatever moves a request (here the first agent reply on a
 * request an agent had put on hold), its card and its thread show the stored status. Found while
 * checking card consistency under concurrency, where a stale card is otherwise hard to pin down.
 */
describe('a status change made by the first agent reply', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
  });
  afterAll(() => t.stop());

  it('shows on the card and in the thread when the request was on hold', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER,
      'Exports broken since Monday',
    );
    await eventually(async () => (await requestOf(t, message.ts))?.triage.ts);
    await click(t, message.ts, ACTIONS.onHold, AGENT);
    await t.driver.agentSays(CHANNEL, AGENT, 'Looking at it now', { thread_ts: message.ts });

    const request = await requestOf(t, message.ts);
    const card = JSON.stringify(t.sim.message(TRIAGE, request?.triage.ts as string)?.blocks);
    const shown = /\*(Open|In progress|On hold|Closed|Discarded)\*/.exec(card)?.[1];
    const label = { open: 'Open', in_progress: 'In progress', on_hold: 'On hold' } as const;
    const stored = label[request?.status as keyof typeof label];
    const lastUpdate = t.sim
      .thread(CHANNEL, message.ts)
      .map((m) => m.text)
      .filter((text) => text.startsWith('This request is now'))
      .at(-1);
    expect({ card: shown, thread: lastUpdate }).toEqual({
      card: stored,
      thread: expect.stringContaining(`*${stored}*`),
    });
  });
});
