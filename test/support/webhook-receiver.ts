import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** One POST the receiver took: the body's event and id, and whether its signature held. */
export interface Receipt {
  event: string;
  id: string;
  body: Record<string, unknown>;
  verified: boolean;
  answered: number;
}

/**
 * A webhook receiver as a customer would run one: it checks `X-Triage-Signature` with the
 * webhook's secret (set once the webhook is created; unless `signed` is false), answers 503 while `down`, and counts what
 * it accepted by the body's `id`.
 */
export class WebhookReceiver {
  readonly receipts: Receipt[] = [];
  secret = '';
  down = false;
  /** False for a rule's `send_webhook_event`, which is sent unsigned: accepted all the same. */
  signed = true;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const holder: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const answered = holder.receiver?.take(text, req.headers['x-triage-signature']) ?? 500;
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/hooks`);
    return holder.receiver;
  }

  private take(text: string, header: string | string[] | undefined): number {
    const body = JSON.parse(text) as Record<string, unknown>;
    const verified = verify(this.secret, text, typeof header === 'string' ? header : '');
    const answered = this.down ? 503 : verified || !this.signed ? 200 : 401;
    this.receipts.push({
      event: String(body.event),
      id: String(body.id),
      body,
      verified,
      answered,
    });
    return answered;
  }

  /** The bodies accepted (200), one per id however often each came. */
  accepted(): Receipt[] {
    return this.receipts.filter((r) => r.answered === 200);
  }

  /** How many times each id was accepted. */
  acceptedById(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { id } of this.accepted()) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }

  /** Waits (on real time) until `count` bodies were accepted. */
  async waitForAccepted(count: number, timeoutMs = 10_000): Promise<Receipt[]> {
    return this.waitUntil(() => this.accepted().length >= count, `${count} accepted`, timeoutMs);
  }

  /** Waits (on real time) until `count` requests arrived, accepted or not. */
  async waitForReceipts(count: number, timeoutMs = 10_000): Promise<Receipt[]> {
    return this.waitUntil(() => this.receipts.length >= count, `${count} received`, timeoutMs);
  }

  private async waitUntil(done: () => boolean, what: string, timeoutMs: number) {
    const deadline = performance.now() + timeoutMs;
    while (!done()) {
      if (performance.now() > deadline)
        throw new Error(`webhook receiver: not ${what} (${this.receipts.length} received)`);
      await sleep(10);
    }
    return this.accepted();
  }

  /** Forgets what arrived so far. */
  reset(): void {
    this.receipts.splice(0);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The README's verification: HMAC-SHA256 of `t.body` with the secret, compared in constant time. */
export function verify(secret: string, body: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  const given = Buffer.from(String(parts.v1 ?? ''), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

/** Polls an async probe on real time until it returns something truthy. */
export async function until<T>(
  probe: () => Promise<T | false | null | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`not met in time: ${what}`);
    await sleep(20);
  }
}
