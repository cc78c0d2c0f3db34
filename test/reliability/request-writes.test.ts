import { RequestActivity } from '../../src/db/repositories/request-activity.js';
import { RequestStore } from '../../src/db/repositories/requests.js';
import { TriageCardStore } from '../../src/db/repositories/triage-cards.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { report } from './support/slack-delivery.js';

/**
 * Every write to a request survives the writes racing it. On FerretDB 1.24 an update rewrites the
 * whole document without isolation, so a write made outside the request lock can undo a locked
 * one (and the other way round); the two-instance run shows it as a posted card whose ts was
 * never stored, or a grouped message missing from its request. Here the race is made on purpose:
 * the card's ts is recorded while the customer's next messages are grouped into the request.
 */
const REQUESTS = 20;
const GROUPED = 12;

describe('writes to one request racing each other', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  it('keeps the card ts and every grouped message', async () => {
    const store = new RequestStore(t.bot.deps.models);
    const activity = new RequestActivity(t.bot.deps.models);
    const at = new Date();
    const lost: { request: number; cardTs: string | null; grouped: number }[] = [];
    for (let r = 0; r < REQUESTS; r++) {
      const { request } = await store.create({
        teamId: t.teamId,
        channelId: 'C0RACE',
        rootTs: `1700000000.${String(r).padStart(6, '0')}`,
        requesterId: 'U0CUSTOMER',
        text: 'Exports fail',
        at,
      });
      const cardTs = `1700000100.${String(r).padStart(6, '0')}`;
      await Promise.all([
        ...Array.from({ length: GROUPED }, (_, g) =>
          activity.group(request._id, `1700000001.${String(r * 100 + g).padStart(6, '0')}`, at),
        ),
        new TriageCardStore(t.bot.deps.models).posted(request._id, 'C0TRIAGE', cardTs),
      ]);
      const stored = await store.byId(String(request._id));
      if (stored?.triage.ts !== cardTs || stored.groupedTs.length !== GROUPED)
        lost.push({
          request: r,
          cardTs: stored?.triage.ts ?? null,
          grouped: stored?.groupedTs.length ?? 0,
        });
    }
    report('Racing writes to one request', {
      requests: REQUESTS,
      writesPerRequest: GROUPED + 1,
      requestsWithALostWrite: lost.length,
    });
    expect(lost).toEqual([]);
  });
});
