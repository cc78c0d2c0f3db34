import { z } from 'zod';
import {
  type Connector,
  type TicketDraft,
  type TicketRef,
  type ApiTokenCredentials,
} from '../../connectors/connector.js';

import {
  alreadyCommented,
  type CommentOnce,
  type TicketComment,
} from '../../connectors/comments.js';
import { withUrgencyTag } from '../../connectors/urgency.js';
import { VendorHttp, basicAuth } from './http.js';

const Id = z.union([z.number(), z.string()]).transform(String);
const Ticket = z.object({ id: Id, status: z.string() });
const User = z.object({ id: Id, name: z.string().default('') });
const Comment = z.object({ author_id: Id, body: z.string().default('') });
const TicketForm = z.object({ id: Id, name: z.string(), active: z.boolean().default(true) });
/** A Zendesk ticket form: its id, name, and whether agents can still pick it. */
export type TicketForm = z.infer<typeof TicketForm>;

/**
 * Zendesk's Tickets API v2 over `fetch` (no maintained official Node SDK exists), with API token
 * auth (`{email}/token:{api_token}`); retries as `VendorHttp` does.
 */
export class ZendeskClient implements Connector {
  private readonly http: VendorHttp;

  constructor(
    private readonly baseUrl: string,
    credentials: Pick<ApiTokenCredentials, 'email' | 'api_token'>,
  ) {
    this.http = new VendorHttp(
      baseUrl,
      basicAuth(`${credentials.email}/token:${credentials.api_token}`),
    );
  }

  async me(): Promise<{ id: string; name: string }> {
    const body = await this.http.call('GET', '/api/v2/users/me.json');
    return z.object({ user: User }).parse(body).user;
  }

  async createTicket(draft: TicketDraft): Promise<TicketRef> {
    const requesterId = draft.requester ? await this.mapUser(draft.requester) : null;
    const ticket = {
      subject: draft.subject,
      comment: { body: draft.body, public: draft.public },
      external_id: draft.externalId,
      tags: withUrgencyTag(draft.tags, draft.urgency),
      ...(draft.priority ? { priority: draft.priority } : {}),
      ...(draft.type ? { type: draft.type } : {}),
      ...(requesterId ? { requester_id: Number(requesterId) } : {}),
      ...(draft.formId ? { ticket_form_id: Number(draft.formId) } : {}),
      // Zendesk links a follow-up to its source only when that ticket is closed (a solved
      // one can still be reopened); the opening comment names it either way.
      ...(draft.followUpOf?.status === 'closed'
        ? { via_followup_source_id: Number(draft.followUpOf.id) }
        : {}),
    };
    const body = await this.http.call('POST', '/api/v2/tickets.json', { ticket });
    return this.ref(z.object({ ticket: Ticket }).parse(body).ticket);
  }

  async findByExternalId(externalId: string): Promise<TicketRef | null> {
    const query = new URLSearchParams({ external_id: externalId });
    const body = await this.http.call('GET', `/api/v2/tickets.json?${query}`);
    const [found] = z.object({ tickets: z.array(Ticket) }).parse(body).tickets;
    return found ? this.ref(found) : null;
  }

  /** A comment (a ticket update); retried, only when the bot's newest comment is not it. */
  async addComment(ticketId: string, comment: TicketComment, once?: CommentOnce): Promise<void> {
    const path = `/api/v2/tickets/${encodeURIComponent(ticketId)}`;
    if (once?.retried) {
      const [me, body] = await Promise.all([
        this.me(),
        this.http.call('GET', `${path}/comments.json?sort_order=asc`),
      ]);
      const { comments } = z.object({ comments: z.array(Comment) }).parse(body);
      const ours = comments.filter((c) => String(c.author_id) === String(me.id));
      if (
        alreadyCommented(
          comment,
          ours.map((c) => c.body),
        )
      )
        return;
    }
    await this.http.call('PUT', `${path}.json`, { ticket: { comment } });
  }

  async updateStatus(ticketId: string, status: string): Promise<void> {
    await this.http.call('PUT', `/api/v2/tickets/${encodeURIComponent(ticketId)}.json`, {
      ticket: { status },
    });
  }

  async readStatus(ticketId: string): Promise<string> {
    const body = await this.http.call(
      'GET',
      `/api/v2/tickets/${encodeURIComponent(ticketId)}.json`,
    );
    return z.object({ ticket: Ticket }).parse(body).ticket.status;
  }

  async mapUser(person: { name: string; email: string }): Promise<string | null> {
    const query = new URLSearchParams({ query: `email:${person.email}` });
    const found = await this.http.call('GET', `/api/v2/users/search.json?${query}`);
    const [user] = z.object({ users: z.array(User) }).parse(found).users;
    if (user) return user.id;
    const created = await this.http.call('POST', '/api/v2/users.json', {
      user: { name: person.name, email: person.email },
    });
    return z.object({ user: User }).parse(created).user.id;
  }

  /**
   * The account's ticket forms (`GET /api/v2/ticket_forms.json`), read once within `timeoutMs`
   * (a modal waits on it): a failure is the caller's to fall back from.
   */
  async ticketForms(timeoutMs: number): Promise<TicketForm[]> {
    const body = await this.http.readOnce('/api/v2/ticket_forms.json', timeoutMs);
    return z.object({ ticket_forms: z.array(TicketForm) }).parse(body).ticket_forms;
  }

  /** The ticket's page for agents (the API's own `url` is its JSON). */
  private ref(ticket: { id: string; status: string }): TicketRef {
    return { ...ticket, url: `${this.baseUrl}/agent/tickets/${ticket.id}` };
  }
}
