import { HOUSEKEEPING } from '../../../jobs/housekeeping.js';
import { ACCOUNT_DIGEST, ACCOUNT_DIGEST_RETRY } from '../../../src/accounts/jobs.js';
import { ACTIONS } from '../../../src/constants.js';
import { postDigest } from '../../../src/services/crm/digest.js';
import type { TestBot } from '../../support/bot.js';
import type { VirtualClock } from '../../support/clock.js';
import type { SimMessage } from '../../support/slack/types.js';
import { click } from '../requests/world.js';
import { CHANNEL, customerAsks, timerWorld } from '../timers/world.js';

/** PATCHes the workspace's settings, as an admin would. */
async function workspaceSettings(t: TestBot, update: Record<string, unknown>) {
  const res = await t.api('PATCH', '/api/v1/workspace/settings', { update });
  expect(res.status).toBe(200);
}

/** The bot's digests in a channel, oldest first. */
const digestsIn = (t: TestBot, channel: string): SimMessage[] =>
  t.sim.messages(channel).filter((m) => m.text.includes(' digest for '));

/** Moves the clock to `iso` and runs what fell due. */
async function advanceTo(t: TestBot, clock: VirtualClock, iso: string) {
  await t.advance((new Date(iso).getTime() - clock.now().getTime()) / 60_000);
}

describe('the account digest (crm.summariser)', () => {
  let t: TestBot;
  let clock: VirtualClock;
  let internal: string;
  let acmeId: string;
  let globexId: string;
  let printer: { ts: string };

  beforeAll(async () => {
    // Monday 2 March 2026, 10:00 UTC (11:00 in Paris)
    ({ t, clock } = await timerWorld());
    const globex = await t.api('POST', '/api/v1/accounts', { name: 'Globex', channels: [] });
    globexId = globex.body.id;
    // Globex keeps no internal channel: its own level turns auto_sync off.
    const off = await t.api('PATCH', `/api/v1/accounts/${globexId}/settings`, {
      update: { crm: { internal_channels: { auto_sync: false } } },
    });
    expect(off.status).toBe(200);
    await workspaceSettings(t, {
      crm: {
        internal_channels: { auto_sync: true },
        summariser: { schedule: 'DAILY', timezone: 'Europe/Paris' },
      },
    });
    await t.runDue();
    const accounts = (await t.api('GET', '/api/v1/accounts')).body as {
      id: string;
      name: string;
      internal_channel_id: string | null;
    }[];
    const acme = accounts.find((a) => a.name === 'Acme');
    acmeId = acme?.id as string;
    internal = acme?.internal_channel_id as string;
    expect(accounts.find((a) => a.name === 'Globex')?.internal_channel_id).toBeNull();
    const sla = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
      update: { requests: { support: { response_sla: { isEnabled: true, sla: 30 } } } },
    });
    expect(sla.status).toBe(200);
  });
  afterAll(() => t.stop());

  it('schedules each account’s digest for 09:00 tomorrow in the digest’s time zone', async () => {
    const pending = (await t.bot.deps.timers.pending()).filter((j) => j.name === ACCOUNT_DIGEST);
    // Tue 3 March 09:00 CET = 08:00 UTC
    expect(pending.map((j) => [j.key, j.runAt.toISOString()]).sort()).toEqual(
      [
        [acmeId, '2026-03-03T08:00:00.000Z'],
        [globexId, '2026-03-03T08:00:00.000Z'],
      ].sort(),
    );
  });

  it('posts the day’s counts and the requests waiting longest at 09:00 local, once', async () => {
    printer = await customerAsks(t, 'U0CAROL', 'Printer on fire\nThe second floor one');
    await t.advance(60); // 11:00 UTC: the printer's 30-minute response SLA is breached
    const login = await customerAsks(t, 'U0DAVE', 'Cannot log in');
    await click(t, login.ts, ACTIONS.close);

    await advanceTo(t, clock, '2026-03-03T07:59:00Z');
    expect(digestsIn(t, internal)).toEqual([]);
    await advanceTo(t, clock, '2026-03-03T08:00:00Z');

    const [digest, ...more] = digestsIn(t, internal);
    expect(more).toEqual([]);
    expect(digest?.text).toBe('Daily digest for Acme: 2 new, 1 open, 1 closed, 1 SLA breached');
    const link = `https://slack.com/archives/${CHANNEL}/p${printer.ts.replace('.', '')}`;
    expect(digest?.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Daily digest: Acme' } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Mon 2 Mar 09:00 – Tue 3 Mar 09:00 (Europe/Paris)' }],
      },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*New*\n2' },
          { type: 'mrkdwn', text: '*Open*\n1' },
          { type: 'mrkdwn', text: '*Closed*\n1' },
          { type: 'mrkdwn', text: '*SLA breached*\n1' },
        ],
      },
      {
        type: 'section',
        // Mon 10:00 to Tue 08:00 UTC: 22 hours
        text: {
          type: 'mrkdwn',
          text: `*Waiting longest*\n• <${link}|Printer on fire> · waiting 22h`,
        },
      },
    ]);
  });

  it('posts nothing for an account without an internal channel', async () => {
    const posted = t.sim
      .calls('chat.postMessage')
      .filter((c) => String(c.params.text).includes('Globex'));
    expect(posted).toEqual([]);
    // Its digest job ran all the same and is due again tomorrow.
    const next = (await t.bot.deps.timers.pending()).find((j) => j.key === globexId);
    expect(next?.runAt.toISOString()).toBe('2026-03-04T08:00:00.000Z');
  });

  it('posts nothing more for the period when the job runs again or on two instances', async () => {
    await t.bot.deps.timers.schedule(ACCOUNT_DIGEST, acmeId, clock.now());
    await t.runDue();
    const twice = await Promise.all([
      postDigest(t.bot.deps, acmeId),
      postDigest(t.bot.deps, acmeId),
    ]);
    expect(twice).toEqual([false, false]);
    expect(digestsIn(t, internal)).toHaveLength(1);
  });

  it('counts the next day on its own: nothing new, the printer still open', async () => {
    await advanceTo(t, clock, '2026-03-04T08:00:00Z');
    expect(digestsIn(t, internal).map((m) => m.text)).toEqual([
      'Daily digest for Acme: 2 new, 1 open, 1 closed, 1 SLA breached',
      'Daily digest for Acme: 0 new, 1 open, 0 closed, 0 SLA breached',
    ]);
    expect(JSON.stringify(digestsIn(t, internal)[1]?.blocks)).toContain('waiting 1d');
  });

  it('gives a schedule whose job went missing a job again, hourly, and moves none', async () => {
    await t.bot.deps.timers.cancel(ACCOUNT_DIGEST, acmeId); // lost, as before an upgrade
    const odd = new Date('2026-03-04T12:00:00Z');
    await t.bot.deps.timers.schedule(ACCOUNT_DIGEST, globexId, odd);
    await t.bot.deps.timers.schedule(HOUSEKEEPING, HOUSEKEEPING, clock.now());
    await t.runDue();
    const pending = (await t.bot.deps.timers.pending()).filter((j) => j.name === ACCOUNT_DIGEST);
    expect(pending.map((j) => [j.key, j.runAt.toISOString()])).toEqual([
      [globexId, '2026-03-04T12:00:00.000Z'],
      [acmeId, '2026-03-05T08:00:00.000Z'], // Thu 5 March 09:00 in Paris
    ]);
  });

  it('refuses a time zone that does not exist (422) and stores nothing', async () => {
    const before = await t.api('GET', '/api/v1/workspace/settings');
    const res = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { crm: { summariser: { timezone: 'Mars/Olympus_Mons' } } },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc.join('.')).toContain('crm.summariser.timezone');
    expect((await t.api('GET', '/api/v1/workspace/settings')).body).toEqual(before.body);
  });

  it('stops with NEVER', async () => {
    await workspaceSettings(t, { crm: { summariser: { schedule: 'NEVER' } } });
    expect((await t.bot.deps.timers.pending()).filter((j) => j.name === ACCOUNT_DIGEST)).toEqual(
      [],
    );
    await advanceTo(t, clock, '2026-03-06T08:00:00Z');
    expect(digestsIn(t, internal)).toHaveLength(2);
  });
});

describe('the weekly digest', () => {
  it('posts on Mondays at 09:00 in the time zone, each covering the week before', async () => {
    // Monday 2 March 2026, 10:00 UTC: 05:00 in New York
    const { t, clock } = await timerWorld();
    try {
      await workspaceSettings(t, {
        crm: {
          internal_channels: { auto_sync: true },
          summariser: { schedule: 'WEEKLY', timezone: 'America/New_York' },
        },
      });
      await t.runDue();
      const acme = (await t.api('GET', '/api/v1/accounts')).body[0];
      const channel = acme.internal_channel_id as string;
      await customerAsks(t, 'U0ERIN', 'Where is my invoice?');

      // Mon 2 March 09:00 EST = 14:00 UTC
      await advanceTo(t, clock, '2026-03-02T13:59:00Z');
      expect(digestsIn(t, channel)).toEqual([]);
      await advanceTo(t, clock, '2026-03-02T14:00:00Z');
      // Mon 9 March 09:00 EDT (New York moved to summer time on the 8th) = 13:00 UTC
      await advanceTo(t, clock, '2026-03-09T12:59:00Z');
      expect(digestsIn(t, channel)).toHaveLength(1);
      await advanceTo(t, clock, '2026-03-09T13:00:00Z');

      const digests = digestsIn(t, channel);
      expect(digests.map((m) => m.text)).toEqual([
        'Weekly digest for Acme: 1 new, 1 open, 0 closed, 0 SLA breached',
        'Weekly digest for Acme: 0 new, 1 open, 0 closed, 0 SLA breached',
      ]);
      expect(
        digests.map((m) => (m.blocks?.[1] as { elements: { text: string }[] }).elements[0]?.text),
      ).toEqual([
        'Mon 23 Feb 09:00 – Mon 2 Mar 09:00 (America/New_York)',
        'Mon 2 Mar 09:00 – Mon 9 Mar 09:00 (America/New_York)',
      ]);
    } finally {
      await t.stop();
    }
  });
});

describe('a digest whose post fails', () => {
  it('is tried again within its period until posted, once, and given up when the next is due', async () => {
    // Monday 2 March 2026, 10:00 UTC
    const { t, clock } = await timerWorld();
    try {
      await workspaceSettings(t, {
        crm: {
          internal_channels: { auto_sync: true },
          summariser: { schedule: 'DAILY', timezone: 'UTC' },
        },
      });
      await t.runDue();
      const acme = (await t.api('GET', '/api/v1/accounts')).body[0];
      const channel = acme.internal_channel_id as string;
      await customerAsks(t, 'U0FRANK', 'Dashboard is blank');
      const isDigest = (params: Record<string, unknown>) =>
        String(params.text).includes(' digest for ');
      const attempts = () =>
        t.sim.calls('chat.postMessage').filter((c) => isDigest(c.params) && c.status !== undefined);

      // Tue 3 March 09:00: Slack fails the post (an error the client does not retry), then twice more.
      t.sim.fail('chat.postMessage', { error: 'fatal_error' }, { times: 3, when: isDigest });
      await advanceTo(t, clock, '2026-03-03T09:00:00Z');
      expect(digestsIn(t, channel)).toEqual([]);
      expect(attempts().map((c) => c.error)).toEqual(['fatal_error']);
      const retry = (await t.bot.deps.timers.pending()).filter(
        (j) => j.name === ACCOUNT_DIGEST_RETRY,
      );
      expect(retry.map((j) => [j.key, j.runAt.toISOString()])).toEqual([
        [`${acme.id}@2026-03-03T09:00:00.000Z`, '2026-03-03T09:05:00.000Z'],
      ]);
      // The schedule goes on: tomorrow's digest is still due.
      const next = (await t.bot.deps.timers.pending()).find((j) => j.name === ACCOUNT_DIGEST);
      expect(next?.runAt.toISOString()).toBe('2026-03-04T09:00:00.000Z');

      await advanceTo(t, clock, '2026-03-03T09:05:00Z'); // fails again: 15 minutes later
      await advanceTo(t, clock, '2026-03-03T09:20:00Z'); // and again: 30 minutes later
      expect(digestsIn(t, channel)).toEqual([]);
      await advanceTo(t, clock, '2026-03-03T09:49:00Z');
      expect(attempts()).toHaveLength(3);
      await advanceTo(t, clock, '2026-03-03T09:50:00Z');

      const [digest, ...more] = digestsIn(t, channel);
      expect(more).toEqual([]);
      expect(digest?.text).toBe('Daily digest for Acme: 1 new, 1 open, 0 closed, 0 SLA breached');
      expect((digest?.blocks?.[1] as { elements: { text: string }[] }).elements[0]?.text).toBe(
        'Mon 2 Mar 09:00 – Tue 3 Mar 09:00 (UTC)',
      );
      expect(attempts().map((c) => c.error ?? 'ok')).toEqual([
        'fatal_error',
        'fatal_error',
        'fatal_error',
        'ok',
      ]);
      // Posted: no retry left, and running the job again posts nothing more.
      expect(
        (await t.bot.deps.timers.pending()).filter((j) => j.name === ACCOUNT_DIGEST_RETRY),
      ).toEqual([]);
      await t.bot.deps.timers.schedule(ACCOUNT_DIGEST, acme.id, clock.now());
      await t.runDue();
      expect(digestsIn(t, channel)).toHaveLength(1);

      // Wed 4 March: Slack fails all day. After 30 minutes the tries are hourly (the unit table
      // of digestRetryAt); one that would fall after Thursday's digest is due is given up.
      t.sim.fail('chat.postMessage', { error: 'fatal_error' }, { times: 100, when: isDigest });
      for (const at of ['09:00', '09:05', '09:20', '09:50']) {
        await advanceTo(t, clock, `2026-03-04T${at}:00Z`);
      }
      const hourly = (await t.bot.deps.timers.pending()).filter(
        (j) => j.name === ACCOUNT_DIGEST_RETRY,
      );
      expect(hourly.map((j) => j.runAt.toISOString())).toEqual(['2026-03-04T10:50:00.000Z']);
      // The clock jumps to 08:50 Thursday: the 10:50 try runs late and fails; the next (09:50
      // Thursday) would come after Thursday's digest, so it is given up.
      await advanceTo(t, clock, '2026-03-05T08:50:00Z');
      expect(
        (await t.bot.deps.timers.pending()).filter((j) => j.name === ACCOUNT_DIGEST_RETRY),
      ).toEqual([]);
      expect(attempts()).toHaveLength(4 + 4 + 1);
      t.sim.clearFaults();
      await advanceTo(t, clock, '2026-03-05T09:00:00Z');
      expect(digestsIn(t, channel).map((m) => m.text)).toEqual([
        'Daily digest for Acme: 1 new, 1 open, 0 closed, 0 SLA breached',
        'Daily digest for Acme: 0 new, 1 open, 0 closed, 0 SLA breached',
      ]);
    } finally {
      await t.stop();
    }
  });
});
