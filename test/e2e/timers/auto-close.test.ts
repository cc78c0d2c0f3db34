import { AUTO_CLOSE } from '../../../jobs/auto-close.js';
import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import type { VirtualClock } from '../../support/clock.js';
import { click } from '../requests/world.js';
import {
  AGENT,
  botRepliesIn,
  cardOf,
  customerAsks,
  pendingOf,
  replies,
  requestOf,
  statusOf,
  timerWorld,
} from './world.js';

const NOTE = 'Closed automatically after 2 hours without a reply.';

describe('auto-close after the customer goes quiet', () => {
  let t: TestBot;
  let clock: VirtualClock;
  beforeAll(async () => {
    ({ t, clock } = await timerWorld({ auto_close_duration_in_minutes: 120 }));
  });
  afterAll(() => t.stop());

  it('closes the request 2 hours after the customer’s last message, not before, and says why', async () => {
    const asked = await customerAsks(t, 'U0SILENT', 'Is the API down?');
    await replies(t, asked.ts, AGENT, 'Not on our side, can you retry?'); // agents do not count
    await t.advance(119);
    expect(await statusOf(t, asked.ts)).toBe('in_progress');

    await t.advance(1);
    const stored = await requestOf(t, asked.ts);
    expect(stored?.status).toBe('closed');
    expect(stored?.closedAt).toEqual(clock.now());
    expect(stored?.history.at(-1)).toMatchObject({ type: 'status', to: 'closed', by: 'bot' });
    await t.sim.waitFor(() => JSON.stringify(cardOf(t, asked.cardTs)?.blocks).includes('Closed'));
    expect(botRepliesIn(t, asked.ts)).toContain('This request is now *Closed*.');
    expect(botRepliesIn(t, asked.ts).filter((text) => text === NOTE)).toHaveLength(1);
    expect(await pendingOf(t, AUTO_CLOSE, asked.id)).toEqual([]);
  });

  it('pushes the close out with every customer message', async () => {
    const asked = await customerAsks(t, 'U0TALKER', 'Report is empty');
    await t.advance(90);
    await replies(t, asked.ts, 'U0TALKER', 'Still empty.'); // due 2h after this
    await t.advance(60);
    expect(await statusOf(t, asked.ts)).toBe('open'); // the first schedule has passed
    await t.advance(59);
    expect(await statusOf(t, asked.ts)).toBe('open');
    await t.advance(1);
    expect(await statusOf(t, asked.ts)).toBe('closed');
  });

  it('does nothing when a stale job fires after the customer wrote', async () => {
    const asked = await customerAsks(t, 'U0STALE', 'Login is slow');
    const staleDue = new Date(clock.now().getTime() + 120 * 60_000);
    await t.advance(60);
    await replies(t, asked.ts, 'U0STALE', 'Now it is very slow.');
    // A second copy of the old job, as a lost reschedule on another instance would leave.
    await t.bot.agenda
      .create(AUTO_CLOSE, { key: asked.id, minutes: 120 })
      .schedule(staleDue)
      .save();

    expect(await t.advance(60)).toBeGreaterThan(0);
    expect(await statusOf(t, asked.ts)).toBe('open');
    expect(botRepliesIn(t, asked.ts)).not.toContain(NOTE);
    await t.advance(60);
    expect(await statusOf(t, asked.ts)).toBe('closed');
    expect(botRepliesIn(t, asked.ts).filter((text) => text === NOTE)).toHaveLength(1);
  });

  it('counts again from the reopening when an agent reopens an old request', async () => {
    const asked = await customerAsks(t, 'U0REOPENED', 'Need an invoice copy');
    await click(t, asked.ts, ACTIONS.close);
    expect(await pendingOf(t, AUTO_CLOSE, asked.id)).toEqual([]);
    await t.advance(300);
    await click(t, asked.ts, ACTIONS.reopen);
    expect(await statusOf(t, asked.ts)).toBe('open');
    await t.advance(119);
    expect(await statusOf(t, asked.ts)).toBe('open');
    await t.advance(1);
    expect(await statusOf(t, asked.ts)).toBe('closed');
  });

  it('schedules again when the customer reopens a closed request', async () => {
    const asked = await customerAsks(t, 'U0BACK', 'Billing address');
    await click(t, asked.ts, ACTIONS.close);
    await t.advance(10);
    await replies(t, asked.ts, 'U0BACK', 'One more thing');
    expect(await statusOf(t, asked.ts)).toBe('open');
    const [job] = await pendingOf(t, AUTO_CLOSE, asked.id);
    expect(job?.runAt).toEqual(new Date(clock.now().getTime() + 120 * 60_000));
  });
});

describe('auto-close turned off', () => {
  let t: TestBot;
  beforeAll(async () => {
    ({ t } = await timerWorld({ auto_close_duration_in_minutes: 0 }));
  });
  afterAll(() => t.stop());

  it('schedules nothing and never closes', async () => {
    const asked = await customerAsks(t, 'U0FOREVER', 'Long-running question');
    await replies(t, asked.ts, 'U0FOREVER', 'Any news?');
    expect(await pendingOf(t, AUTO_CLOSE)).toEqual([]);
    await t.advance(7 * 24 * 60);
    expect(await statusOf(t, asked.ts)).toBe('open');
  });
});
