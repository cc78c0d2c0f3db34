import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import {
  AGENT,
  CHANNEL,
  CUSTOMER,
  customerWorld,
  eventually,
  newCustomer,
  requestOf,
} from '../requests/world.js';
import { helpCentre, hooksDone, suggestionsIn } from './world.js';

/** Monday 2026-03-02, 10:00 UTC. */
const MONDAY = '2026-03-02T10:00:00Z';

describe('knowledge-base suggestions on a new request', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld(
      {
        requests: {
          config: { send_kbsuggested_answers: true, knowledge_base_name: 'Acme Help Centre' },
        },
      },
      { clock: new VirtualClock(MONDAY) },
    );
    await helpCentre(t);
  });
  afterAll(() => t.stop());

  const ask = async (user: string, text: string) => {
    const { message } = await t.driver.customerSays(CHANNEL, newCustomer(t, user), text);
    await hooksDone(t);
    return message;
  };
  const answer = (user: string, actionId: string, suggestionTs: string, requestId: string) =>
    t.driver.action({
      user,
      action_id: actionId,
      channel: CHANNEL,
      message_ts: suggestionTs,
      value: requestId,
    } as never);
  const summary = async () =>
    (await t.api('GET', '/api/v1/reports/summary?since=2026-03-02&until=2026-03-02')).body;

  it('posts the matching articles in the thread: heading with the knowledge base’s name, titles as links, snippets, and the two buttons', async () => {
    const message = await ask(
      'U0ASK1',
      'Hi, I forgot my password and cannot log in. How do I reset it?',
    );
    const [posted, ...more] = suggestionsIn(t, message.ts);
    expect(more).toEqual([]);
    const request = await requestOf(t, message.ts);
    expect(posted!.blocks).toEqual([
      {
        type: 'section',
        block_id: 'kb_heading',
        text: {
          type: 'mrkdwn',
          text: 'These articles from Acme Help Centre may answer your question:',
        },
      },
      {
        type: 'section',
        block_id: 'kb_article_0',
        text: {
          type: 'mrkdwn',
          text:
            '*<https://help.acme.test/reset-password|Reset your password>*\n' +
            'Forgot your password?',
        },
      },
      {
        type: 'actions',
        block_id: 'kb_answer',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'This solved it', emoji: true },
            action_id: ACTIONS.kbSolved,
            value: String(request!._id),
            style: 'primary',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Still need help', emoji: true },
            action_id: ACTIONS.kbNeedHelp,
            value: String(request!._id),
          },
        ],
      },
    ]);
    expect(posted!.thread_ts).toBe(message.ts);
    // The index was built once and stored with the version of the articles it holds.
    const index = await t.db.collection('kb_indexes').findOne({ teamId: t.teamId });
    expect([index?.version, index?.indexedVersion, typeof index?.index]).toEqual([3, 3, 'string']);
  });

  it('closes the request as deflected when the requester clicks This solved it, and the reports count it', async () => {
    const before = await summary();
    const message = await ask('U0ASK2', 'Where can I download the invoices for our billing?');
    const [posted] = suggestionsIn(t, message.ts);
    const request = await requestOf(t, message.ts);
    const id = String(request!._id);
    // Someone else in the channel may not answer for the requester: refused, nothing changes.
    newCustomer(t, 'U0BYSTANDER');
    await answer('U0BYSTANDER', ACTIONS.kbSolved, posted!.ts, id);
    const refusal = await eventually(async () =>
      t.sim.ephemerals(CHANNEL).find((e) => e.user === 'U0BYSTANDER'),
    );
    expect(refusal.text).toBe(
      'Only the person who asked (or an agent) can answer these suggestions.',
    );
    expect((await requestOf(t, message.ts))?.status).toBe('open');

    await answer('U0ASK2', ACTIONS.kbSolved, posted!.ts, id);
    const closed = await eventually(async () => {
      const r = await requestOf(t, message.ts);
      return r?.status === 'closed' ? r : undefined;
    });
    expect(closed.closeReason).toBe('deflected');
    expect(closed.history.at(-1)).toMatchObject({
      type: 'status',
      from: 'open',
      to: 'closed',
      reason: 'deflected',
      by: 'U0ASK2',
    });
    const updated = await eventually(async () => {
      const m = t.sim.message(CHANNEL, posted!.ts);
      return m && !JSON.stringify(m.blocks).includes('"actions"') ? m : undefined;
    });
    expect(updated.blocks?.at(-1)).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: ':white_check_mark: <@U0ASK2> said this solved it; the request is closed.',
        },
      ],
    });
    const after = await eventually(async () => {
      const s = await summary();
      return s.deflected_count === before.deflected_count + 1 ? s : undefined;
    });
    expect(after.resolutions_count).toBe(before.resolutions_count + 1);
  });

  it('lets an agent answer too, and Still need help only takes the buttons away', async () => {
    const message = await ask('U0ASK3', 'Can we export our conversations to a CSV file?');
    const [posted] = suggestionsIn(t, message.ts);
    const request = await requestOf(t, message.ts);
    await answer(AGENT, ACTIONS.kbNeedHelp, posted!.ts, String(request!._id));
    const updated = await eventually(async () => {
      const m = t.sim.message(CHANNEL, posted!.ts);
      return m && !JSON.stringify(m.blocks).includes('"actions"') ? m : undefined;
    });
    expect(updated.blocks?.map((b) => b.type)).toEqual(['section', 'section', 'context']);
    expect(JSON.stringify(updated.blocks?.at(-1))).toContain('still needs help');
    const after = await requestOf(t, message.ts);
    expect([after?.status, after?.closeReason ?? null, after?.history]).toEqual([
      'open',
      null,
      request?.history,
    ]);
  });

  it('posts nothing when no article scores over the threshold', async () => {
    const message = await ask(
      'U0ASK4',
      'Our office moves to Lisbon next month, new address attached',
    );
    expect(suggestionsIn(t, message.ts)).toEqual([]);
    expect(t.sim.thread(CHANNEL, message.ts).filter((m) => m.user === t.sim.botUserId)).toEqual([]);
  });

  it('posts once when Slack retries the event or delivers it twice', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      newCustomer(t, 'U0ASK5'),
      'password reset link expired',
      { event: { eventId: 'Ev0KBRETRY' } },
    );
    await hooksDone(t);
    await t.driver.message(message, CHANNEL, {
      eventId: 'Ev0KBRETRY',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    await t.driver.message(message, CHANNEL, { eventId: 'Ev0KBAGAIN' }); // a duplicate delivery
    await t.bot.inbox.idle(); // both deliveries were processed (or dropped as seen)
    expect(suggestionsIn(t, message.ts)).toHaveLength(1);
  });
});

describe('knowledge-base suggestions switched off', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await customerWorld();
    await helpCentre(t);
  });
  afterAll(() => t.stop());

  it('posts nothing, however well an article matches', async () => {
    const { message } = await t.driver.customerSays(
      CHANNEL,
      CUSTOMER,
      'How do I reset my password?',
    );
    await hooksDone(t);
    expect(suggestionsIn(t, message.ts)).toEqual([]);
    const index = await t.db.collection('kb_indexes').findOne({ teamId: t.teamId });
    expect([index?.version, index?.index]).toEqual([3, undefined]); // never searched: none built
  });
});
