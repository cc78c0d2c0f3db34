import { TRIAGE_CLEANUP } from '../../../jobs/triage-cleanup.js';
import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { botPosts, click } from '../requests/world.js';
import {
  CHANNEL,
  TRIAGE,
  cardOf,
  customerAsks,
  eventually,
  pendingOf,
  replies,
  requestOf,
  statusOf,
  timerWorld,
} from './world.js';

/** The triage cards showing a request's text. */
const cardsAbout = (t: TestBot, text: string) =>
  botPosts(t, TRIAGE).filter((m) => JSON.stringify(m.blocks).includes(text));

describe('triage clean-up after close', () => {
  let t: TestBot;
  beforeAll(async () => {
    ({ t } = await timerWorld({ delete_notification_from_triage_in_minutes: 30 }));
  });
  afterAll(() => t.stop());

  it('deletes the card 30 minutes after the request closes, not before', async () => {
    const asked = await customerAsks(t, 'U0DONE', 'Change my plan');
    await click(t, asked.ts, ACTIONS.close);
    await t.advance(29);
    expect(cardOf(t, asked.cardTs)).toBeDefined();

    await t.advance(1);
    expect(cardOf(t, asked.cardTs)).toBeUndefined();
    const stored = await requestOf(t, asked.ts);
    expect(stored?.triage).toMatchObject({ channelId: TRIAGE, ts: null });
    expect(stored?.triage.deletedAt).toBeInstanceOf(Date);
    expect(stored?.history.at(-1)).toMatchObject({ type: 'triage_deleted', by: 'bot' });
  });

  it('does not post the card again when the closed request changes later', async () => {
    const asked = await customerAsks(t, 'U0EDITOR', 'Typo in my question');
    await click(t, asked.ts, ACTIONS.close);
    await t.advance(30);
    expect(cardsAbout(t, 'Typo in my question')).toHaveLength(0);

    await t.driver.messageChanged(CHANNEL, asked.ts, 'Typo in my question, fixed');
    await eventually(async () => (await requestOf(t, asked.ts))?.text.endsWith('fixed'));
    expect(cardsAbout(t, 'Typo in my question')).toHaveLength(0);
  });

  it('keeps the card of a request reopened before the clean-up', async () => {
    const asked = await customerAsks(t, 'U0AGAIN', 'Sync stopped');
    await click(t, asked.ts, ACTIONS.close);
    expect(await pendingOf(t, TRIAGE_CLEANUP, asked.id)).toHaveLength(1);
    await t.advance(10);
    await replies(t, asked.ts, 'U0AGAIN', 'It stopped again');
    expect(await statusOf(t, asked.ts)).toBe('open');
    expect(await pendingOf(t, TRIAGE_CLEANUP, asked.id)).toEqual([]);
    await t.advance(60);
    expect(cardOf(t, asked.cardTs)).toBeDefined();
  });

  it('posts a fresh card when a request is reopened after its card was deleted', async () => {
    const asked = await customerAsks(t, 'U0LATER', 'Calendar invites missing');
    await click(t, asked.ts, ACTIONS.close);
    await t.advance(30);
    expect(cardsAbout(t, 'Calendar invites missing')).toHaveLength(0);

    await replies(t, asked.ts, 'U0LATER', 'They are missing again');
    const stored = await eventually(async () => {
      const now = await requestOf(t, asked.ts);
      return now?.triage.ts ? now : undefined;
    });
    expect(stored.status).toBe('open');
    expect(cardsAbout(t, 'Calendar invites missing')).toHaveLength(1);
  });
});

describe('triage clean-up turned off', () => {
  let t: TestBot;
  beforeAll(async () => {
    ({ t } = await timerWorld({ delete_notification_from_triage_in_minutes: 0 }));
  });
  afterAll(() => t.stop());

  it('schedules nothing and keeps the card', async () => {
    const asked = await customerAsks(t, 'U0KEEP', 'Keep my card');
    await click(t, asked.ts, ACTIONS.close);
    expect(await pendingOf(t, TRIAGE_CLEANUP)).toEqual([]);
    await t.advance(7 * 24 * 60);
    expect(cardOf(t, asked.cardTs)).toBeDefined();
  });
});
