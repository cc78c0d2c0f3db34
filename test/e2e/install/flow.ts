import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Grant, SlackFront } from './oauth-slack.js';

export const CLIENT_ID = '1111.2222';
export const CLIENT_SECRET = 'test-client-secret';
export const STATE_SECRET = 'test-state-secret';

/** The OAuth variables of a multi-workspace bot with no token of its own, on `front`. */
export function oauthEnv(front: SlackFront): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: '', // dropped by parseEnv: the bot gets tokens only by being installed
    SLACK_API_URL: front.url,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
  };
}

/** manifest.yml's `oauth_config.scopes.bot`, read the simple way (one `- scope` a line). */
export function manifestBotScopes(): string[] {
  const manifest = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');
  const block = /\n {4}bot:\n((?: {6}- .+\n)+)/.exec(manifest)?.[1] ?? '';
  return [...block.matchAll(/- (\S+)/g)].map((match) => match[1] as string);
}

/** Step 1, in the browser: `/slack/install` redirects to Slack with a state and its cookie. */
export async function startInstall(botUrl: string) {
  const res = await fetch(`${botUrl}/slack/install`, { redirect: 'manual' });
  const location = new URL(res.headers.get('location') ?? 'about:blank');
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: res.status, location, state: location.searchParams.get('state') ?? '', cookie };
}

/** Step 2: Slack sends the browser back with a code, the bot answers with an HTML page. */
export async function finishInstall(botUrl: string, code: string, state: string, cookie?: string) {
  const query = new URLSearchParams({ code, state });
  const res = await fetch(`${botUrl}/slack/oauth_redirect?${query}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
  return { status: res.status, html: await res.text() };
}

/** The whole flow for `grant`: consent page, code, callback. */
export async function install(botUrl: string, front: SlackFront, code: string, grant: Grant) {
  const started = await startInstall(botUrl);
  front.grant(code, grant);
  return finishInstall(botUrl, code, started.state, started.cookie);
}

/** A state as @slack/oauth's ClearStateStore signs it (an HS256 JWT), `ageSeconds` old. */
export function signedState(secret: string, ageSeconds: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = new Date(Date.now() - ageSeconds * 1000);
  const payload = {
    installOptions: { scopes: manifestBotScopes() },
    now: now.toJSON(),
    random: 42,
    iat: Math.floor(now.getTime() / 1000),
  };
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
