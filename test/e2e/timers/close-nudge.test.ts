import { CLOSE_NUDGE } from '../../../jobs/close-nudge.js';
import { ACTIONS } from '../../../src/constants.js';
import type { TestBot } from '../../support/bot.js';
import {
  AGENT,
  CHANNEL,
  TRIAGE,
  cardOf,
  clickNudge,
  configure,
  customerAsks,
  eventually,
  nudgesIn,
  offersNudgeButtons,
  pendingOf,
  replies,
  requestOf,
  statusOf,
  timerWorld,
} from './world.js';

describe('close nudge after an answered request goes quiet', () => {
  let t: TestBot;
  beforeAll(async () => {
    ({ t } = await timerWorld({ close_nudge_duration_in_minutes: 60 }));
  });
  afterAll(() => t.stop());

  it('asks "Is this resolved?" with Close and Keep open in both threads after 60 quiet minutes, not before', async () => {
    const asked = await customerAsks(t, 'U0QUIET', 'Where is my invoice?');
    await t.advance(5);
    await replies(t, asked.ts, AGENT, 'It is in the billing tab.'); // 10:05 → nudge at 11:05
    expect(await pendingOf(t, CLOSE_NUDGE, asked.id)).toHaveLength(1);

    await t.advance(59);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(0);
    expect(nudgesIn(t, TRIAGE, asked.cardTs)).toHaveLength(0);

    await t.advance(1);
    const [nudge] = nudgesIn(t, CHANNEL, asked.ts);
    expect(nudge?.text).toBe('Is this resolved?');
    expect(offersNudgeButtons(nudge!)).toBe(true);
    expect(JSON.stringify(nudge!.blocks)).toContain(`"value":"${asked.id}"`);
    const [triageNudge] = nudgesIn(t, TRIAGE, asked.cardTs);
    expect(triageNudge?.text).toBe(
      'No reply from <@U0QUIET> for 1 hour since the last answer. Is this resolved?',
    );
    expect(offersNudgeButtons(triageNudge!)).toBe(true);
    expect((await requestOf(t, asked.ts))?.nudgedAt).toEqual(new Date('2026-03-02T11:05:00Z'));

    await t.advance(240);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(1);
    expect(nudgesIn(t, TRIAGE, asked.cardTs)).toHaveLength(1);
  });

  it('does not nudge when the customer wrote after the answer', async () => {
    const asked = await customerAsks(t, 'U0CHATTY', 'Export fails');
    await replies(t, asked.ts, AGENT, 'Which format?');
    await t.advance(30);
    await replies(t, asked.ts, 'U0CHATTY', 'CSV');
    expect(await pendingOf(t, CLOSE_NUDGE, asked.id)).toHaveLength(0);
    await t.advance(120);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(0);
  });

  it('starts the quiet period again from the latest answer', async () => {
    const asked = await customerAsks(t, 'U0TWICE', 'Seats question');
    await replies(t, asked.ts, AGENT, 'Checking.');
    await t.advance(45);
    await replies(t, asked.ts, AGENT, 'You have 12 seats.');
    await t.advance(45);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(0);
    await t.advance(15);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(1);
  });

  it('closes the request when someone in the thread clicks Close', async () => {
    const asked = await customerAsks(t, 'U0CLOSER', 'Reset my password');
    await replies(t, asked.ts, AGENT, 'Done, check your mail.');
    await t.advance(60);
    const [nudge] = nudgesIn(t, CHANNEL, asked.ts);

    await clickNudge(t, nudge!, ACTIONS.nudgeClose, 'U0CLOSER', asked.id);

    expect(await statusOf(t, asked.ts)).toBe('closed');
    await t.sim.waitFor(() => JSON.stringify(cardOf(t, asked.cardTs)?.blocks).includes('Closed'));
    const answered = await t.sim.waitFor(() => {
      const now = t.sim.message(CHANNEL, nudge!.ts);
      return now && !offersNudgeButtons(now) ? now : undefined;
    });
    expect(JSON.stringify(answered.blocks)).toContain('Closed by <@U0CLOSER>.');
    expect(JSON.stringify(answered.blocks)).toContain('Is this resolved?');
  });

  it('leaves the request live when someone clicks Keep open, and answers the nudge', async () => {
    const asked = await customerAsks(t, 'U0KEEPER', 'Webhook retries?');
    await replies(t, asked.ts, AGENT, 'We retry 3 times.');
    await t.advance(60);
    const [triageNudge] = nudgesIn(t, TRIAGE, asked.cardTs);

    await clickNudge(t, triageNudge!, ACTIONS.nudgeKeepOpen, AGENT, asked.id);

    const answered = await t.sim.waitFor(() => {
      const now = t.sim.message(TRIAGE, triageNudge!.ts);
      return now && !offersNudgeButtons(now) ? now : undefined;
    });
    expect(JSON.stringify(answered.blocks)).toContain(`Kept open by <@${AGENT}>.`);
    expect(await statusOf(t, asked.ts)).toBe('in_progress');
  });

  it('cancels the nudge when the request is closed before it is due', async () => {
    const asked = await customerAsks(t, 'U0EARLY', 'Quick one');
    await replies(t, asked.ts, AGENT, 'Answered.');
    expect(await pendingOf(t, CLOSE_NUDGE, asked.id)).toHaveLength(1);
    await t.driver.reactionAdded(CHANNEL, asked.ts, AGENT, 'white_check_mark');
    await eventually(async () => (await statusOf(t, asked.ts)) === 'closed');
    expect(await pendingOf(t, CLOSE_NUDGE, asked.id)).toHaveLength(0);
    await t.advance(90);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(0);
  });

  it('keeps the nudge out of the triage thread with stop_nudge_for_triage_channel', async () => {
    await configure(t, { stop_nudge_for_triage_channel: true });
    const asked = await customerAsks(t, 'U0NOTRIAGE', 'SAML setup');
    await replies(t, asked.ts, AGENT, 'Here is the guide.');
    await t.advance(60);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(1);
    expect(nudgesIn(t, TRIAGE, asked.cardTs)).toHaveLength(0);
    await configure(t, { stop_nudge_for_triage_channel: false });
  });
});

describe('close nudge turned off', () => {
  let t: TestBot;
  beforeAll(async () => {
    ({ t } = await timerWorld({ close_nudge_duration_in_minutes: 0 }));
  });
  afterAll(() => t.stop());

  it('schedules nothing and never nudges', async () => {
    const asked = await customerAsks(t, 'U0OFF', 'Anything?');
    await replies(t, asked.ts, AGENT, 'Yes.');
    expect(await pendingOf(t, CLOSE_NUDGE)).toEqual([]);
    await t.advance(24 * 60);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(0);
  });

  it('drops a nudge scheduled before the feature was turned off', async () => {
    await configure(t, { close_nudge_duration_in_minutes: 30 });
    const asked = await customerAsks(t, 'U0LATEOFF', 'Question');
    await replies(t, asked.ts, AGENT, 'Answer.');
    expect(await pendingOf(t, CLOSE_NUDGE, asked.id)).toHaveLength(1);
    await configure(t, { close_nudge_duration_in_minutes: 0 });
    await t.advance(30);
    expect(nudgesIn(t, CHANNEL, asked.ts)).toHaveLength(0);
  });
});

describe('close nudge on two bot instances', () => {
  it('posts one nudge when both run the same due job at once', async () => {
    const a = await timerWorld({ close_nudge_duration_in_minutes: 60 });
    const b = await timerWorld({}, { clock: a.clock, sim: a.t.sim, database: a.t.database });
    try {
      const asked = await customerAsks(a.t, 'U0DOUBLE', 'Two bots?');
      await replies(a.t, asked.ts, AGENT, 'One answer.');
      a.clock.advanceMinutes(60);
      await Promise.all([a.t.runDue(), b.t.runDue()]);
      // A duplicate of the job (as a lost delete on a non-atomic engine would leave) runs too.
      await b.t.bot.deps.timers.schedule(CLOSE_NUDGE, `${asked.id}`, a.clock.now(), {
        minutes: 60,
      });
      await Promise.all([a.t.runDue(), b.t.runDue()]);
      expect(nudgesIn(a.t, CHANNEL, asked.ts)).toHaveLength(1);
      expect(nudgesIn(a.t, TRIAGE, asked.cardTs)).toHaveLength(1);
    } finally {
      await b.t.stop();
      await a.t.stop();
    }
  });
});
