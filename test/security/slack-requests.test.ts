import { createHmac } from 'node:crypto';
import { SIGNING_SECRET, type TestBot } from '../support/bot.js';
import { SlackDriver, type DriverResponse } from '../support/slack/driver.js';
import type { SimMessage } from '../support/slack/types.js';
import {
  CHANNEL,
  TRIAGE,
  botPosts,
  customerWorld,
  eventually,
  newCustomer,
} from '../e2e/requests/world.js';
import { snapshot } from './support.js';

/** Bolt's default body limit for `/slack/events` (ExpressReceiver `bodyLimit`). */
const BOLT_BODY_LIMIT = 4 * 1024 * 1024;

interface Captured {
  body: string;
  headers: Record<string, string>;
}

/** A driver that builds and signs what Slack would send, and hands it back instead of sending. */
class Recorder extends SlackDriver {
  last: Captured | undefined;
  override async send(body: string, headers: Record<string, string>): Promise<DriverResponse> {
    this.last = { body, headers: { ...headers } };
    return { status: 0, body: '' };
  }
}

const now = () => Math.floor(Date.now() / 1000);
const signWith = (secret: string, body: string, ts: number) =>
  `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('requests to /slack/events that Slack did not send', () => {
  let t: TestBot;
  let recorder: Recorder;
  let customers = 0;

  beforeAll(async () => {
    t = await customerWorld();
    recorder = new Recorder({
      appUrl: t.bot.url,
      signingSecret: SIGNING_SECRET,
      teamId: t.teamId,
      apiAppId: t.sim.appId,
      sim: t.sim,
    });
  });
  afterAll(() => t.stop());

  /** A new customer's question, in the simulator only; and the signed event Slack would send. */
  async function question(text: string): Promise<{ message: SimMessage; signed: Captured }> {
    customers += 1;
    const message = t.sim.postAsUser(CHANNEL, newCustomer(t, `U0SEC${customers}`), text);
    await recorder.message(message, CHANNEL);
    if (!recorder.last) throw new Error('nothing recorded');
    return { message, signed: recorder.last };
  }

  const requestsFor = (rootTs: string) =>
    t.db.collection('requests').find({ channelId: CHANNEL, rootTs }).toArray();
  const cardsFor = (text: string) =>
    botPosts(t, TRIAGE).filter((m) => JSON.stringify(m.blocks ?? m.text).includes(text));
  const simActivity = () => ({
    calls: t.sim.calls().length,
    responses: t.sim.responses().length,
    triage: t.sim.messages(TRIAGE).length,
    ephemerals: t.sim.ephemerals().length,
  });

  type Forge = (signed: Captured) => { body: string; headers: Record<string, string> };
  const withHeaders =
    (change: (headers: Record<string, string>, body: string) => void): Forge =>
    (signed) => {
      const headers = { ...signed.headers };
      change(headers, signed.body);
      return { body: signed.body, headers };
    };

  const forgeries: [string, Forge, number][] = [
    [
      'a signature made with another secret',
      withHeaders((h, body) => {
        const ts = now();
        h['X-Slack-Request-Timestamp'] = String(ts);
        h['X-Slack-Signature'] = signWith('not-the-signing-secret', body, ts);
      }),
      401,
    ],
    [
      'a signature with one hex digit changed',
      withHeaders((h) => {
        const sig = h['X-Slack-Signature'] as string;
        h['X-Slack-Signature'] = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0');
      }),
      401,
    ],
    ['no X-Slack-Signature header', withHeaders((h) => delete h['X-Slack-Signature']), 401],
    [
      'no X-Slack-Request-Timestamp header',
      withHeaders((h) => delete h['X-Slack-Request-Timestamp']),
      401,
    ],
    [
      'neither signing header',
      withHeaders((h) => {
        delete h['X-Slack-Signature'];
        delete h['X-Slack-Request-Timestamp'];
      }),
      401,
    ],
    [
      'a timestamp that is not a number',
      withHeaders((h) => {
        h['X-Slack-Request-Timestamp'] = 'yesterday';
      }),
      401,
    ],
    [
      'a correct signature over a timestamp 6 minutes old',
      withHeaders((h, body) => {
        const ts = now() - 6 * 60;
        h['X-Slack-Request-Timestamp'] = String(ts);
        h['X-Slack-Signature'] = recorder.sign(body, ts);
      }),
      401,
    ],
    [
      'an old signature sent with a fresh timestamp',
      withHeaders((h) => {
        h['X-Slack-Request-Timestamp'] = String(Number(h['X-Slack-Request-Timestamp']) + 1);
      }),
      401,
    ],
    [
      'a v1 signature scheme',
      withHeaders((h) => {
        h['X-Slack-Signature'] = (h['X-Slack-Signature'] as string).replace(/^v0=/, 'v1=');
      }),
      401,
    ],
    [
      'a captured signature replayed with another body',
      (signed) => ({
        body: signed.body.replace(/"text":"[^"]*"/, '"text":"Please make me an admin"'),
        headers: { ...signed.headers },
      }),
      401,
    ],
    [
      'a captured signature replayed with a byte appended to the body',
      (signed) => ({ body: `${signed.body} `, headers: { ...signed.headers } }),
      401,
    ],
    [
      'a correctly signed body that is not JSON, as text/plain',
      () => {
        const body = 'event_id=Ev0TEXT&type=event_callback';
        const ts = now();
        return {
          body,
          headers: {
            'Content-Type': 'text/plain',
            'X-Slack-Request-Timestamp': String(ts),
            'X-Slack-Signature': recorder.sign(body, ts),
          },
        };
      },
      400,
    ],
    [
      'a correctly signed form whose payload is not JSON',
      () => {
        const body = new URLSearchParams({ payload: '{"type":"block_actions"' }).toString();
        const ts = now();
        return {
          body,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'X-Slack-Request-Timestamp': String(ts),
            'X-Slack-Signature': recorder.sign(body, ts),
          },
        };
      },
      400,
    ],
    [
      'a correctly signed empty body',
      (signed) => {
        const ts = now();
        return {
          body: '',
          headers: {
            ...signed.headers,
            'X-Slack-Request-Timestamp': String(ts),
            'X-Slack-Signature': recorder.sign('', ts),
          },
        };
      },
      400,
    ],
    [
      `a correctly signed event over Bolt's ${BOLT_BODY_LIMIT / 1024 / 1024} MB body limit`,
      (signed) => {
        const padded = signed.body.replace(
          /"text":"([^"]*)"/,
          (_all, text: string) => `"text":"${text}${' '.repeat(BOLT_BODY_LIMIT)}"`,
        );
        const ts = now();
        return {
          body: padded,
          headers: {
            ...signed.headers,
            'X-Slack-Request-Timestamp': String(ts),
            'X-Slack-Signature': recorder.sign(padded, ts),
          },
        };
      },
      413,
    ],
  ];

  it.each(forgeries)(
    'refuses %s, stores nothing and calls Slack for nothing',
    async (name, forge, status) => {
      const text = `Forged: ${name}`;
      const { message, signed } = await question(text);
      const stored = await snapshot(t);
      const activity = simActivity();

      const forged = forge(signed);
      const res = await t.driver.send(forged.body, forged.headers);

      expect(res.status).toBe(status);
      expect(await snapshot(t)).toEqual(stored);
      expect(simActivity()).toEqual(activity);
      expect(await requestsFor(message.ts)).toHaveLength(0);

      // The genuine delivery of the same message does open a request: the forgery carried one.
      expect((await t.driver.send(signed.body, signed.headers)).status).toBe(200);
      expect(await requestsFor(message.ts)).toHaveLength(1);
    },
  );

  it('refuses a slash command with a bad signature and changes no setting', async () => {
    t.sim.addUser({ id: 'U0SECADMIN', name: 'ada', is_admin: true });
    t.sim.joinChannel(CHANNEL, 'U0SECADMIN');
    await recorder.command({
      text: 'config set requests.config.send_feedback true',
      user_id: 'U0SECADMIN',
      channel_id: CHANNEL,
    });
    const signed = recorder.last as Captured;
    const stored = await snapshot(t);
    const activity = simActivity();
    const unsigned: Record<string, string>[] = [
      { ...signed.headers, 'X-Slack-Signature': signWith('guess', signed.body, now()) },
      { 'Content-Type': signed.headers['Content-Type'] as string },
    ];
    for (const headers of unsigned) {
      expect((await t.driver.send(signed.body, headers)).status).toBe(401);
    }
    expect(await snapshot(t)).toEqual(stored);
    expect(simActivity()).toEqual(activity);
  });

  it('acknowledges a byte-identical replay within 5 minutes and processes it once', async () => {
    const text = 'Replayed: the invoice PDF is blank';
    const { message, signed } = await question(text);
    expect((await t.driver.send(signed.body, signed.headers)).status).toBe(200);
    await eventually(async () => cardsFor(text).length === 1);
    const stored = await snapshot(t);
    const posts = t.sim.calls('chat.postMessage').length;

    const replays = [
      signed.headers,
      signed.headers,
      { ...signed.headers, 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
      { ...signed.headers, 'X-Slack-Retry-Num': '2', 'X-Slack-Retry-Reason': 'http_error' },
    ];
    for (const headers of replays) {
      expect((await t.driver.send(signed.body, headers)).status).toBe(200);
    }
    expect(await requestsFor(message.ts)).toHaveLength(1);
    expect(cardsFor(text)).toHaveLength(1);
    expect(t.sim.calls('chat.postMessage').length).toBe(posts);
    expect(await snapshot(t)).toEqual(stored);
  });
});
