import { request } from 'node:http';
import { startTestBot, type TestBot } from '../support/bot.js';
import { isErrorBody, prototypeNames, snapshot } from './support.js';

/** What the HTTP API security tests send to: one workspace with an account and a channel. */
export interface ApiWorld {
  t: TestBot;
  accountId: string;
  channelId: string;
  /** Another workspace's account, stored directly; nothing of it may show in an answer. */
  otherAccountId: string;
  /** Requests sent through `send`. */
  sent: number;
}

export interface RawResponse {
  status: number;
  text: string;
  body: unknown;
}

export const OTHER = {
  team: 'T0OTHER',
  channel: 'C0OTHERSECRET',
  markers: ['T0OTHER', 'C0OTHERSECRET', 'OTHER-SECRET', 'other-secret'],
};

/** The collections a refused API request must leave byte for byte as they were. */
export const API_COLLECTIONS = ['workspaces', 'accounts', 'channels', 'api_tokens', 'messages'];
export const VALID_WRITE = { update: { requests: { config: { send_feedback: true } } } };

/** Text of a stack trace or a source location, which an answer must never carry. */
const STACK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/;
const PRISTINE_PROTOTYPE = prototypeNames().join();

export async function apiWorld(): Promise<ApiWorld> {
  const t = await startTestBot();
  t.sim.addChannel({ id: 'C0FUZZ', name: 'ext-fuzz', members: [t.sim.botUserId] });
  const created = await t.api('POST', '/api/v1/accounts', {
    name: 'Fuzz Account',
    channels: ['C0FUZZ'],
  });
  if (created.status !== 201) throw new Error(`account: ${created.text}`);
  const { models } = t.bot.deps;
  await models.workspaces.create({ _id: OTHER.team, name: 'OTHER-SECRET-WORKSPACE' });
  const other = await models.accounts.create({ teamId: OTHER.team, name: 'OTHER-SECRET-ACCOUNT' });
  await models.channels.create({
    teamId: OTHER.team,
    channelId: OTHER.channel,
    name: 'other-secret-channel',
    accountId: other._id,
    settings: {
      overrides: [{ key: 'requests.config.welcome_message', value: 'OTHER-SECRET-WELCOME' }],
      locks: [],
      revision: 1,
    },
  });
  return {
    t,
    accountId: created.body.id,
    channelId: 'C0FUZZ',
    otherAccountId: String(other._id),
    sent: 0,
  };
}

/**
 * Sends `body` as is, with a token (the workspace's unless given) and `headers` (JSON by default), on a connection
 * of its own that is closed once the answer is read. (With fetch's pooled connections, a body the
 * server refused before reading it, such as a 413, leaves the upload half-done and the server's
 * socket open until Node's 5-minute request timeout, which keeps Jest from exiting.)
 */
export function send(
  world: ApiWorld,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  token: string | null = world.t.token,
): Promise<RawResponse> {
  world.sent += 1;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      `${world.t.bot.url}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...headers,
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          answered = true;
          req.destroy();
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, body: parsed });
        });
      },
    );
    // Writing the rest of a body the server has already refused may fail once it hangs up.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(body);
  });
}

/**
 * What is wrong with a response that should be a documented refusal: not a 4xx, not the error
 * body, a stack trace, another workspace's data, or a polluted `Object.prototype`.
 */
export function refusalProblems(world: ApiWorld, res: RawResponse): string[] {
  const markers = [world.otherAccountId, ...OTHER.markers];
  return [
    res.status >= 400 && res.status < 500 ? '' : `status ${res.status}`,
    isErrorBody(res.body) ? '' : 'not the documented error body',
    STACK.test(res.text) ? 'a stack trace' : '',
    ...markers.map((marker) => (res.text.includes(marker) ? `leaks ${marker}` : '')),
    prototypeNames().join() === PRISTINE_PROTOTYPE && !('polluted' in {})
      ? ''
      : 'Object.prototype polluted',
  ].filter(Boolean);
}

/** Throws, naming the request and every problem, unless `res` is a documented refusal. */
export function expectRefusal(world: ApiWorld, res: RawResponse, what: string): void {
  const problems = refusalProblems(world, res);
  if (problems.length > 0) {
    throw new Error(`${what} → ${problems.join(', ')}: ${res.status} ${res.text.slice(0, 300)}`);
  }
}

export const storedState = (world: ApiWorld) => snapshot(world.t, API_COLLECTIONS);
