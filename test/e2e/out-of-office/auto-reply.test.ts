import { startTestBot, type TestBot } from '../../support/bot.js';
import { VirtualClock } from '../../support/clock.js';
import { CHANNEL, CSM, CUSTOMER, CUSTOMER_2, TRIAGE, requestOf } from '../requests/world.js';

const AWAY = 'Thanks! We are away right now and will answer when we are back.';
/** Saturday 3 January 2026, 10:00 in Berlin (CET, UTC+1). */
const SATURDAY_10 = '2026-01-03T10:00:00+01:00';

/**
 * #ext-acme (Slack Connect) with Cass as its CSM; working hours Mon–Fri 09:00–17:00 Europe/Berlin
 * (the defaults, `isEnabled` left off: the out-of-office reply follows them anyway).
 */
async function world(clock: VirtualClock, workingHours: Record<string, unknown>) {
  const t = await startTestBot({ clock });
  t.sim.addUser({ id: CUSTOMER, name: 'carol', team_id: 'T0ACME' });
  t.sim.addUser({ id: CUSTOMER_2, name: 'dave', team_id: 'T0ACME' });
  t.sim.addUser({
    id: CSM,
    name: 'cass',
    real_name: 'Cass CSM',
    profile: { display_name: 'Cass', image_72: 'https://img/cass.png' },
  });
  const members = [t.sim.botUserId, CUSTOMER, CUSTOMER_2, CSM];
  t.sim.addChannel({ id: CHANNEL, name: 'ext-acme', is_ext_shared: true, members });
  t.sim.addChannel({ id: TRIAGE, name: 'triage', members: [t.sim.botUserId] });
  const account = await t.api('POST', '/api/v1/accounts', { name: 'Acme', channels: [CHANNEL] });
  if (account.status !== 201) throw new Error(`account: ${account.text}`);
  const linked = await t.api('PUT', `/api/v1/channels/${CHANNEL}`, {
    triage_channel_id: TRIAGE,
    csm_user_id: CSM,
  });
  if (linked.status !== 200) throw new Error(`link: ${linked.text}`);
  const res = await t.api('PATCH', `/api/v1/channels/${CHANNEL}/settings`, {
    update: {
      requests: {
        support: {
          response_sla: {
            workingHoursConfig: {
              timezone: 'Europe/Berlin',
              outOfOfficeAutoReplyMessage: AWAY,
              ...workingHours,
            },
          },
        },
      },
    },
  });
  if (res.status !== 200) throw new Error(`settings: ${res.text}`);
  return t;
}

/** The auto-replies in a request's thread. */
const autoReplies = (t: TestBot, rootTs: string) =>
  t.sim
    .thread(CHANNEL, rootTs)
    .filter((m) => m.user === t.sim.botUserId && m.text.startsWith(AWAY));

/** A customer posts a new question; returns its ts once it is a request. */
async function ask(t: TestBot, text: string, user = CUSTOMER): Promise<string> {
  const { message } = await t.driver.customerSays(CHANNEL, user, text);
  expect(await requestOf(t, message.ts)).not.toBeNull();
  return message.ts;
}

describe('the out-of-office auto-reply, at most once per channel in 12 hours', () => {
  const clock = new VirtualClock(SATURDAY_10);
  let t: TestBot;
  beforeAll(async () => {
    t = await world(clock, {
      sendOutOfOfficeAutoReply: true,
      useCsmAvatarForAutoReply: true,
      outOfOfficeAutoReplyGroupingWindow: 12,
    });
  });
  afterAll(() => t.stop());

  it("answers a Saturday question in its thread, as the CSM, saying when we're back", async () => {
    const ts = await ask(t, 'Our dashboard is down');
    const [reply, ...more] = autoReplies(t, ts);
    expect(more).toHaveLength(0);
    expect(reply?.text).toBe(`${AWAY}\n_We'll be back Monday 5 January, 09:00 (Europe/Berlin)._`);
    expect(reply).toMatchObject({ username: 'Cass', icons: { image_48: 'https://img/cass.png' } });
  });

  it('stays quiet for another request an hour later in the same channel', async () => {
    await t.advance(60); // Sat 11:00
    const ts = await ask(t, 'Also, exports fail');
    expect(autoReplies(t, ts)).toHaveLength(0);
  });

  it('answers again 13 hours after the last reply', async () => {
    await t.advance(12 * 60); // Sat 23:00: 13 h after the 10:00 reply
    const ts = await ask(t, 'Still down?', CUSTOMER_2);
    expect(autoReplies(t, ts)).toHaveLength(1);
  });

  it('says nothing during working hours', async () => {
    clock.set('2026-01-05T10:00:00+01:00'); // Monday 10:00
    const ts = await ask(t, 'Good morning, any news?');
    expect(autoReplies(t, ts)).toHaveLength(0);
  });
});

describe('two questions at the same moment outside working hours', () => {
  it('get one auto-reply between them', async () => {
    const t = await world(new VirtualClock(SATURDAY_10), { sendOutOfOfficeAutoReply: true });
    try {
      const [a, b] = await Promise.all([
        t.driver.customerSays(CHANNEL, CUSTOMER, 'Help with billing'),
        t.driver.customerSays(CHANNEL, CUSTOMER_2, 'Help with login'),
      ]);
      const replies = [...autoReplies(t, a.message.ts), ...autoReplies(t, b.message.ts)];
      expect(replies).toHaveLength(1);
      expect(replies[0]?.username).toBeUndefined(); // useCsmAvatarForAutoReply is off
    } finally {
      await t.stop();
    }
  });
});

describe('with sendOutOfOfficeAutoReply off', () => {
  it('never answers, even on a Saturday', async () => {
    const t = await world(new VirtualClock(SATURDAY_10), { sendOutOfOfficeAutoReply: false });
    try {
      const ts = await ask(t, 'Anyone there?');
      expect(autoReplies(t, ts)).toHaveLength(0);
      expect(t.sim.calls('chat.postMessage').some((c) => c.params.text === AWAY)).toBe(false);
    } finally {
      await t.stop();
    }
  });
});
