import { request as httpRequest } from 'node:http';
import type { TestBot, TestBotOptions } from '../../support/bot.js';
import { CHANNEL, customerWorld } from '../requests/world.js';

export const SUPPORT = 'support@acme.test';
export const FORM_PATH = '/support/T0SIM';

/** #ext-acme of the requests world, `support@acme.test` mapped to it (the mail's sender). */
export async function webWorld(options: TestBotOptions = {}): Promise<TestBot> {
  return customerWorld(
    { emailToSlack: { mappings: [{ email: SUPPORT, channelId: CHANNEL, name: 'Acme support' }] } },
    options,
  );
}

/** Sets the workspace's web request settings (`requests.config.*`) through the settings API. */
export async function configure(t: TestBot, config: Record<string, unknown>) {
  const res = await t.api('PATCH', '/api/v1/workspace/settings', {
    update: { requests: { config } },
  });
  if (res.status !== 200) throw new Error(`settings: ${res.text}`);
}

export interface Page {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  html: string;
}

/**
 * One HTTP exchange with the bot over a socket of its own (`Host` set as a browser on that
 * host would send it, which fetch does not allow).
 */
export function exchange(
  t: TestBot,
  method: 'GET' | 'POST',
  path: string,
  {
    host,
    body,
    type,
    forwardedFor,
  }: { host?: string; body?: string; type?: string; forwardedFor?: string } = {},
): Promise<Page> {
  const url = new URL(path, t.bot.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        headers: {
          ...(host ? { host } : {}),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
          ...(body !== undefined
            ? {
                'content-type': type ?? 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body),
              }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            html: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The form token of a served form page. */
export function tokenOf(page: Page): string {
  const token = /name="token" value="([0-9a-f]{32})"/.exec(page.html)?.[1];
  if (!token) throw new Error(`no form token in: ${page.html}`);
  return token;
}

/** Opens the form and posts `fields` with its token (or `token` when given). */
export async function submit(
  t: TestBot,
  fields: Record<string, string>,
  {
    path = FORM_PATH,
    host,
    token,
    forwardedFor,
  }: { path?: string; host?: string; token?: string; forwardedFor?: string } = {},
) {
  const form = token ?? tokenOf(await exchange(t, 'GET', path, host ? { host } : {}));
  const body = new URLSearchParams({ token: form, website: '', ...fields }).toString();
  const headers = { ...(host ? { host } : {}), ...(forwardedFor ? { forwardedFor } : {}) };
  return { token: form, page: await exchange(t, 'POST', path, { body, ...headers }) };
}

/** The reference a thank-you page shows. */
export const referenceOf = (page: Page) => /id="reference">([0-9a-f]{24})</.exec(page.html)?.[1];

/** What each collection a submission writes holds now. */
export async function stored(t: TestBot) {
  const count = (name: string) => t.db.collection(name).countDocuments({});
  return {
    requests: await count('requests'),
    contacts: await count('contacts'),
    posts: t.sim.messages(CHANNEL).length,
  };
}
