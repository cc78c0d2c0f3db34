import pRetry from 'p-retry';
import { z } from 'zod';
import {
  VendorError,
  failureKind,
  retryAfterMs,
  type Connector,
  type TicketDraft,
  type TicketRef,
  type ZendeskCredentials,
} from '../../connectors/connector.js';

/** How long one call may take before it counts as no answer. */
const TIMEOUT_MS = 10_000;
/** The longest `Retry-After` waited for inside one call; a longer one is the worker's to wait. */
const MAX_INLINE_WAIT_MS = 5_000;

const Id = z.union([z.number(), z.string()]).transform(String);
const Ticket = z.object({ id: Id, status: z.string() });
const User = z.object({ id: Id, name: z.string().default('') });

/**
 * Zendesk's Tickets API v2 over `fetch` (no maintained official Node SDK exists), with API token
 * auth (`{email}/token:{api_token}`). A 429 is waited out and tried again (its `Retry-After`,
 * when short), and so is a read that failed with a 5xx; a write that failed is left to the
 * connector worker, which knows whether it may have been done (`VendorError.ambiguous`).
 */
export class ZendeskClient implements Connector {
  private readonly auth: string;

  constructor(
    private readonly baseUrl: string,
    credentials: Pick<ZendeskCredentials, 'email' | 'api_token'>,
  ) {
    const login = `${credentials.email}/token:${credentials.api_token}`;
    this.auth = `Basic ${Buffer.from(login).toString('base64')}`;
  }

  async me(): Promise<{ id: string; name: string }> {
    const body = await this.call('GET', '/api/v2/users/me.json');
    return z.object({ user: User }).parse(body).user;
  }

  async createTicket(draft: TicketDraft): Promise<TicketRef> {
    const requesterId = draft.requester ? await this.mapUser(draft.requester) : undefined;
    const ticket = {
      subject: draft.subject,
      comment: { body: draft.body, public: draft.public },
      external_id: draft.externalId,
      tags: draft.tags,
      ...(draft.priority ? { priority: draft.priority } : {}),
      ...(draft.type ? { type: draft.type } : {}),
      ...(requesterId ? { requester_id: Number(requesterId) } : {}),
    };
    const body = await this.call('POST', '/api/v2/tickets.json', { ticket });
    return this.ref(z.object({ ticket: Ticket }).parse(body).ticket);
  }

  async findByExternalId(externalId: string): Promise<TicketRef | null> {
    const query = new URLSearchParams({ external_id: externalId });
    const body = await this.call('GET', `/api/v2/tickets.json?${query}`);
    const [found] = z.object({ tickets: z.array(Ticket) }).parse(body).tickets;
    return found ? this.ref(found) : null;
  }

  async addComment(ticketId: string, comment: { body: string; public: boolean }): Promise<void> {
    await this.call('PUT', `/api/v2/tickets/${encodeURIComponent(ticketId)}.json`, {
      ticket: { comment },
    });
  }

  async updateStatus(ticketId: string, status: string): Promise<void> {
    await this.call('PUT', `/api/v2/tickets/${encodeURIComponent(ticketId)}.json`, {
      ticket: { status },
    });
  }

  async readStatus(ticketId: string): Promise<string> {
    const body = await this.call('GET', `/api/v2/tickets/${encodeURIComponent(ticketId)}.json`);
    return z.object({ ticket: Ticket }).parse(body).ticket.status;
  }

  async mapUser(person: { name: string; email: string }): Promise<string> {
    const query = new URLSearchParams({ query: `email:${person.email}` });
    const found = await this.call('GET', `/api/v2/users/search.json?${query}`);
    const [user] = z.object({ users: z.array(User) }).parse(found).users;
    if (user) return user.id;
    const created = await this.call('POST', '/api/v2/users.json', {
      user: { name: person.name, email: person.email },
    });
    return z.object({ user: User }).parse(created).user.id;
  }

  /** The ticket's page for agents (the API's own `url` is its JSON). */
  private ref(ticket: { id: string; status: string }): TicketRef {
    return { ...ticket, url: `${this.baseUrl}/agent/tickets/${ticket.id}` };
  }

  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    const read = method === 'GET';
    return pRetry(() => this.once(method, path, body), {
      retries: 2,
      minTimeout: 200,
      randomize: true,
      shouldRetry: ({ error }) =>
        error instanceof VendorError &&
        ((error.kind === 'rate_limited' && (error.retryAfterMs ?? 0) <= MAX_INLINE_WAIT_MS) ||
          (read && error.kind === 'unavailable')),
      onFailedAttempt: async ({ error }) => {
        const wait = error instanceof VendorError ? (error.retryAfterMs ?? 0) : 0;
        if (wait > 0 && wait <= MAX_INLINE_WAIT_MS) await sleep(wait);
      },
    });
  }

  private async once(method: string, path: string, body?: unknown): Promise<unknown> {
    const write = method !== 'GET';
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new VendorError('unavailable', `no answer: ${why}`, null, null, write);
    }
    const kind = failureKind(res.status);
    if (!kind) return res.status === 204 ? {} : res.json();
    const text = (await res.text()).slice(0, 300);
    const after = retryAfterMs(res.headers.get('retry-after'), new Date());
    throw new VendorError(
      kind,
      `${method} ${path.split('?')[0]}: ${text}`,
      res.status,
      after,
      write && kind === 'unavailable',
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
