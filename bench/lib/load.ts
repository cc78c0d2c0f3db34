import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  SlackDriver,
  type DriverOptions,
  type DriverResponse,
} from '../../test/support/slack/driver.js';
import type { SlackSimulator } from '../../test/support/slack/simulator.js';

/** One open-loop load step: `rate` signed message events per second for `durationMs`. */
export interface LoadRequest {
  label: string;
  appUrl: string;
  signingSecret: string;
  rate: number;
  durationMs: number;
  /** Keep-alive connections to the app (requests beyond them queue in the agent). */
  maxSockets: number;
  /** A request unanswered after this long is cut off and counted as failed. */
  timeoutMs: number;
  /** Who posts: message i goes to channels[i % n] from one of that channel's customers. */
  channels: string[];
  customers: Record<string, string[]>;
  /** Stop issuing once this many sent events wait past Slack's 3 s (a hopeless overload). */
  stopAfterOver3s?: number;
}

export interface LoadResult {
  label: string;
  offeredRate: number;
  sent: number;
  ok: number;
  failed: number;
  /** Answered, but after Slack's 3 s deadline (Slack would have retried). */
  over3s: number;
  elapsedMs: number;
  /** Events answered 200 per second of the sending window (the generator's real offer). */
  achievedRate: number;
  /** Ack latency of every sent event (failures count with their time), milliseconds. */
  latencies: number[];
  maxInFlight: number;
  /** How late the generator sent, vs the schedule (high means the generator fell behind). */
  maxScheduleLagMs: number;
  /** Wall-clock send time per message ts, for matching the bot's triage cards. */
  sentAt: Record<string, number>;
  /** Issuing stopped before the schedule's end (`stopAfterOver3s` reached, or 5 s behind). */
  stoppedEarly: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The test driver, sending over a keep-alive `http.Agent` instead of `fetch`. */
class KeepAliveDriver extends SlackDriver {
  constructor(
    opts: DriverOptions,
    private readonly agent: Agent,
    private readonly timeoutMs: number,
  ) {
    super(opts);
  }

  override async send(rawBody: string, headers: Record<string, string>): Promise<DriverResponse> {
    const url = new URL(this.endpoint);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent: this.agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(rawBody) },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      // A deadline from the send, not the socket's idle timer: queueing for a socket counts.
      const deadline = setTimeout(() => req.destroy(new Error('timeout')), this.timeoutMs);
      req.on('close', () => clearTimeout(deadline));
      req.on('error', reject);
      req.end(rawBody);
    });
  }
}

/**
 * Sends `rate × duration` distinct customer messages (each posted in the simulator first, as
 * `customerSays` does), on schedule whatever the answers (open loop), to a loopback app only.
 * Stops issuing at `durationMs + 5 s` even when behind, and every request has a timeout.
 */
export async function runLoad(sim: SlackSimulator, opts: LoadRequest): Promise<LoadResult> {
  const endpoint = new URL(opts.appUrl);
  if (!LOOPBACK.has(endpoint.hostname)) throw new Error(`refusing non-loopback ${opts.appUrl}`);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets });
  const driver = new KeepAliveDriver(
    {
      appUrl: opts.appUrl,
      signingSecret: opts.signingSecret,
      teamId: sim.teamId,
      apiAppId: sim.appId,
      sim,
    },
    agent,
    opts.timeoutMs,
  );
  const total = Math.max(1, Math.round((opts.rate * opts.durationMs) / 1000));
  const latencies: number[] = [];
  const sentAt: Record<string, number> = {};
  let ok = 0;
  let over3s = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let maxScheduleLagMs = 0;
  let lastAnswer = 0;
  let lastSend = 0;
  let stoppedEarly = false;
  const waiting = new Set<number>();
  const hopeless = () => {
    if (opts.stopAfterOver3s === undefined) return false;
    const now = performance.now();
    let late = over3s;
    for (const sent of waiting) if (now - sent > 3_000) late++;
    return late >= opts.stopAfterOver3s;
  };
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    const sendAt = performance.now();
    if (sendAt - start > opts.durationMs + 5_000 || hopeless()) {
      stoppedEarly = true;
      break;
    }
    maxScheduleLagMs = Math.max(maxScheduleLagMs, sendAt - due);
    const channel = opts.channels[i % opts.channels.length] as string;
    const people = opts.customers[channel] ?? [];
    const user = people[Math.floor(i / opts.channels.length) % people.length] as string;
    const text = `[${opts.label} #${i}] the nightly export to bucket ${i % 97} fails with E${1000 + i}`;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const wall = Date.now();
    lastSend = sendAt;
    waiting.add(sendAt);
    pending.push(
      driver
        .customerSays(channel, user, text)
        .then(({ message, response }) => {
          sentAt[message.ts] = wall;
          if (response.status === 200) ok++;
          return response.status;
        })
        .catch(() => 0)
        .then(() => {
          const latency = performance.now() - sendAt;
          waiting.delete(sendAt);
          latencies.push(latency);
          if (latency > 3_000) over3s++;
          lastAnswer = performance.now();
          inFlight--;
        }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  const elapsedMs = Math.max(1, lastAnswer - start);
  const windowMs = lastSend - start + 1000 / opts.rate;
  return {
    label: opts.label,
    offeredRate: opts.rate,
    sent: pending.length,
    ok,
    failed: pending.length - ok,
    over3s,
    elapsedMs: Math.round(elapsedMs),
    achievedRate: Math.round((ok / windowMs) * 10_000) / 10,
    latencies,
    maxInFlight,
    maxScheduleLagMs: Math.round(maxScheduleLagMs),
    sentAt,
    stoppedEarly,
  };
}
