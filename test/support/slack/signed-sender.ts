import { createHmac, randomBytes } from 'node:crypto';
import { formatTs } from './ids.js';
import type { AppIdentity, PayloadUser } from './interactions.js';
import type { SlackSimulator } from './simulator.js';
import type { SlackState } from './state.js';
import type { SimChannel } from './types.js';

export interface DriverOptions {
  /** Base URL of the running Bolt app, e.g. `http://127.0.0.1:3000`. */
  appUrl: string;
  signingSecret: string;
  teamId: string;
  apiAppId: string;
  /** The workspace as the app sees it; needed by the helpers that change state. */
  sim?: SlackSimulator;
  /** The bot user in `authorizations`; defaults to the simulator's. */
  botUserId?: string;
  /** Default `/slack/events`. */
  path?: string;
}

export interface DriverResponse {
  status: number;
  body: string;
}

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
  authorizations?: Record<string, unknown>[];
  isExtSharedChannel?: boolean;
  /**
   * The envelope's `team_id`. In a Slack Connect channel Slack may name the organisation the
   * event came from (the customer's) there; `authorizations` still name the app's workspace.
   */
  envelopeTeamId?: string;
}

type Json = Record<string, unknown>;

/**
 * Signs and sends what Slack sends to an app's request URL; `SlackDriver` builds on it.
 */
export class SignedSender {
  protected readonly endpoint: string;
  protected readonly app: AppIdentity;
  protected counter = 0;

  constructor(protected readonly opts: DriverOptions) {
    this.endpoint = `${opts.appUrl.replace(/\/$/, '')}${opts.path ?? '/slack/events'}`;
    const domain = opts.sim?.state.teams.get(opts.teamId)?.domain ?? opts.teamId.toLowerCase();
    this.app = {
      teamId: opts.teamId,
      teamDomain: domain,
      apiAppId: opts.apiAppId,
      token: 'sim-verification-token',
    };
  }

  // --- signing and raw sending ---------------------------------------------------------

  /** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`: Slack's `X-Slack-Signature`. */
  sign(body: string, timestamp: number): string {
    const hmac = createHmac('sha256', this.opts.signingSecret).update(`v0:${timestamp}:${body}`);
    return `v0=${hmac.digest('hex')}`;
  }

  /** POSTs `rawBody` with exactly `headers` (no signing): for security tests. */
  async send(rawBody: string, headers: Record<string, string>): Promise<DriverResponse> {
    const res = await fetch(this.endpoint, { method: 'POST', headers, body: rawBody });
    return { status: res.status, body: await res.text() };
  }

  /** POSTs `rawBody` signed now, as Slack does. */
  async sendSigned(
    rawBody: string,
    contentType: string,
    headers: Record<string, string> = {},
  ): Promise<DriverResponse> {
    const timestamp = Math.floor(Date.now() / 1000);
    return this.send(rawBody, {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': this.sign(rawBody, timestamp),
      ...headers,
    });
  }

  // --- Events API ----------------------------------------------------------------------

  /** Delivers `event` in an `event_callback` envelope. */
  async event(event: Json, opts: EventOptions = {}): Promise<DriverResponse> {
    const eventTs = typeof event.event_ts === 'string' ? event.event_ts : this.eventTs();
    const channelId = typeof event.channel === 'string' ? event.channel : undefined;
    const channel =
      channelId !== undefined ? this.opts.sim?.state.channels.get(channelId) : undefined;
    const botUserId = this.opts.botUserId ?? this.opts.sim?.botUserId ?? 'U0BOT';
    const envelope = {
      token: this.app.token,
      team_id: opts.envelopeTeamId ?? this.opts.teamId,
      context_team_id: this.opts.teamId,
      context_enterprise_id: null,
      api_app_id: this.opts.apiAppId,
      event: { ...event, event_ts: eventTs },
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: Math.floor(Number(eventTs)),
      authorizations: opts.authorizations ?? [
        {
          enterprise_id: null,
          team_id: this.opts.teamId,
          user_id: botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: opts.isExtSharedChannel ?? channel?.is_ext_shared ?? false,
      event_context: `4-${Buffer.from(JSON.stringify({ et: event.type, tid: this.opts.teamId })).toString('base64')}`,
    };
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) headers['X-Slack-Retry-Num'] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers['X-Slack-Retry-Reason'] = opts.retryReason;
    return this.sendSigned(JSON.stringify(envelope), 'application/json', headers);
  }

  /** POSTs an interactivity payload form-encoded as `payload=<json>`, signed. */
  protected async sendPayload(payload: Json): Promise<DriverResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.sendSigned(body, 'application/x-www-form-urlencoded');
  }

  protected sim(helper: string): SlackSimulator {
    if (this.opts.sim === undefined)
      throw new Error(`SlackDriver.${helper} needs a simulator (opts.sim)`);
    return this.opts.sim;
  }

  protected state(): SlackState {
    return this.sim('this helper').state;
  }

  protected channel(id: string): SimChannel {
    return this.state().channel(id);
  }

  protected payloadUser(id: string): PayloadUser {
    const user = this.opts.sim?.state.users.get(id);
    return { id, name: user?.name ?? id.toLowerCase(), team_id: user?.team_id ?? this.opts.teamId };
  }

  /** A fresh Slack-style ts for events that are not messages. */
  protected eventTs(): string {
    if (this.opts.sim !== undefined) return this.opts.sim.state.ids.ts();
    this.counter += 1;
    return formatTs(Date.now() * 1000 + this.counter);
  }

  protected triggerId(): string {
    return `${Math.floor(Date.now() / 1000)}.${++this.counter}.${randomBytes(8).toString('hex')}`;
  }
}
