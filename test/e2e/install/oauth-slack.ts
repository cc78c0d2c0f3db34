import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What Slack hands over for an authorization code (`oauth.v2.access`). */
export interface Grant {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  appId: string;
  scopes: readonly string[];
  installerUserId: string;
}

export interface FrontCall {
  method: string;
  authorization: string | undefined;
  params: Record<string, string>;
}

/**
 * Slack's Web API as the bot sees it in the install tests: answers what the simulator does not
 * implement (`oauth.v2.access`, and `apps.connections.open` with a WebSocket URL nobody accepts)
 * and forwards every other method, unchanged, to the simulator. Records each call with its
 * `Authorization` header, to check which token the bot used.
 */
export class SlackFront {
  readonly calls: FrontCall[] = [];
  /** Base URL of the simulator's Web API (`…/api/`) that other methods go to. */
  upstream = '';
  /** WebSocket upgrade attempts on `wsUrl`, refused. */
  socketAttempts = 0;
  private readonly grants = new Map<string, Grant>();

  private constructor(
    private readonly server: Server,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  static async start(clientId: string, clientSecret: string): Promise<SlackFront> {
    const server = createServer();
    const front = new SlackFront(server, clientId, clientSecret);
    server.on('request', (req, res) => {
      front.handle(req).then(
        ({ status, headers, body }) => res.writeHead(status, headers).end(body),
        (error: unknown) => res.writeHead(502).end(String(error)),
      );
    });
    // What Slack's WebSocket endpoint would do if it were unreachable: drop the upgrade.
    server.on('upgrade', (_req, socket) => {
      front.socketAttempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return front;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `${this.origin}/api/`;
  }

  /** The URL `apps.connections.open` hands out. */
  get wsUrl(): string {
    return `${this.origin.replace('http', 'ws')}/link/?ticket=t-1`;
  }

  /** Makes `code` exchangeable once for `grant`, as Slack's consent page would. */
  grant(code: string, grant: Grant): void {
    this.grants.set(code, grant);
  }

  callsOf(method: string): FrontCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const method = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1] ?? url.pathname;
    const params = Object.fromEntries(
      new URLSearchParams(req.headers['content-type']?.includes('json') ? '' : raw),
    );
    this.calls.push({ method, authorization: req.headers.authorization, params });
    const json = (body: unknown) => ({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
    if (method === 'oauth.v2.access') return json(this.exchange(params));
    if (method === 'apps.connections.open') {
      const appToken = /^Bearer (xapp-\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      return json(appToken ? { ok: true, url: this.wsUrl } : { ok: false, error: 'invalid_auth' });
    }
    const response = await fetch(`${this.upstream}${method}${url.search}`, {
      method: req.method,
      headers: {
        ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : raw,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      if (key === 'content-type' || key === 'retry-after') headers[key] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  }

  /** `oauth.v2.access` with Slack's response shape and error codes. */
  private exchange(params: Record<string, string>): Record<string, unknown> {
    if (params.client_id !== this.clientId) return { ok: false, error: 'invalid_client_id' };
    if (params.client_secret !== this.clientSecret)
      return { ok: false, error: 'bad_client_secret' };
    const grant = this.grants.get(params.code ?? '');
    if (!grant) return { ok: false, error: 'invalid_code' };
    this.grants.delete(params.code ?? '');
    return {
      ok: true,
      access_token: grant.botToken,
      token_type: 'bot',
      scope: grant.scopes.join(','),
      bot_user_id: grant.botUserId,
      app_id: grant.appId,
      team: { name: grant.teamName, id: grant.teamId },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: grant.installerUserId },
    };
  }
}
