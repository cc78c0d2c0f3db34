import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zendeskEvents, type EventSender } from './events.js';

export interface ZendeskUser {
  id: number;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
}

export interface ZendeskComment {
  id: number;
  body: string;
  public: boolean;
  author_id: number;
}

export interface ZendeskTicket {
  id: number;
  subject: string;
  status: string;
  priority: string | null;
  type: string | null;
  tags: string[];
  external_id: string | null;
  requester_id: number;
  comments: ZendeskComment[];
  /** The closed ticket this one follows up (`via_followup_source_id` at create). */
  followup_source_id?: number | null;
  /** The ticket form it was made with (`ticket_form_id`). */
  ticket_form_id?: number | null;
}

/** A ticket form of the account (`GET /api/v2/ticket_forms.json`). */
export interface ZendeskTicketForm {
  id: number;
  name: string;
  active: boolean;
  default: boolean;
  end_user_visible: boolean;
  position: number;
  ticket_field_ids: number[];
}

/**
 * A fault for the next matching calls: answer `status` (with `Retry-After` when given) `times`
 * times; `applied` does the work first (a 5xx after the ticket was made: an ambiguous failure).
 */
export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  retryAfter?: number;
  times?: number;
  applied?: boolean;
}

/**
 * Zendesk's Tickets API v2 as its public reference describes it, for the calls the bot makes:
 * API token basic auth (`{email}/token:{token}`, else 401 `Couldn't authenticate you`), tickets
 * (create with `external_id` and `via_followup_source_id` (a closed ticket's), a closed ticket
 * refusing updates (422), list by `external_id`, show, update with a comment or a status),
 * users (me, search by e-mail, create), ticket forms (list), 404 `RecordNotFound`, and faults (401/404/429 with
 * `Retry-After`/5xx). `events` sends its signed ticket events to the bot.
 */
export class ZendeskSimulator {
  readonly tickets: ZendeskTicket[] = [];
  readonly users: ZendeskUser[] = [];
  /** The account's ticket forms: set them with `addForm`. */
  readonly forms: ZendeskTicketForm[] = [];
  readonly faults: Fault[] = [];
  /** Every call the bot made: method, path (with query) and the status answered. */
  readonly calls: { method: string; path: string; status: number }[] = [];
  email = 'triage-bot@acme.example';
  token = 'zd-token-good';
  readonly events: EventSender;
  private nextId = 1000;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    this.users.push({ id: this.id(), name: 'Triage Bot', email: this.email, role: 'agent' });
    this.users.push({ id: this.id(), name: 'Zoe Agent', email: 'zoe@acme.example', role: 'agent' });
    this.events = zendeskEvents(this);
  }

  static async start(): Promise<ZendeskSimulator> {
    const holder: { sim?: ZendeskSimulator } = {};
    const server = createServer((req, res) => void holder.sim?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.sim = new ZendeskSimulator(server, `http://127.0.0.1:${port}`);
    return holder.sim;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The bot's own Zendesk user (the one its credentials log in as). */
  get botUser(): ZendeskUser {
    return this.users[0] as ZendeskUser;
  }

  /** An agent of the helpdesk (not the bot). */
  get agent(): ZendeskUser {
    return this.users[1] as ZendeskUser;
  }

  ticket(id: number | string): ZendeskTicket | undefined {
    return this.tickets.find((ticket) => ticket.id === Number(id));
  }

  /** A ticket form of the account, as an admin would make it. */
  addForm(id: number, name: string): ZendeskTicketForm {
    const form = {
      id,
      name,
      active: true,
      default: this.forms.length === 0,
      end_user_visible: true,
      position: this.forms.length,
      ticket_field_ids: [],
    };
    this.forms.push(form);
    return form;
  }

  private id(): number {
    return this.nextId++;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, path: `${url.pathname}${url.search}`, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (!this.authorized(req.headers.authorization)) {
      return answer(401, { error: "Couldn't authenticate you" });
    }
    const fault = this.faults.find((f) => f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.applied) this.route(method, url, text);
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      return answer(fault.status, { error: `simulated ${fault.status}` }, headers);
    }
    const [status, body] = this.route(method, url, text);
    answer(status, body);
  }

  private authorized(header: string | undefined): boolean {
    const match = /^Basic (.+)$/.exec(header ?? '');
    if (!match?.[1]) return false;
    return Buffer.from(match[1], 'base64').toString('utf8') === `${this.email}/token:${this.token}`;
  }

  private route(method: string, url: URL, text: string): [number, unknown] {
    const body = text ? (JSON.parse(text) as Record<string, any>) : {}; // eslint-disable-line @typescript-eslint/no-explicit-any -- request bodies
    // A base URL with a path (one simulator for several tenants) serves the same API.
    const path = url.pathname.replace(/^.*?(?=\/api\/v2\/)/, '');
    const one = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(path);
    const listed = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(path);
    if (method === 'GET' && listed) {
      const found = this.ticket(listed[1] as string);
      if (!found) return [404, { error: 'RecordNotFound', description: 'Not found' }];
      const comments = [...found.comments];
      if (url.searchParams.get('sort_order') === 'desc') comments.reverse();
      return [200, { comments, count: comments.length, next_page: null, previous_page: null }];
    }
    if (method === 'GET' && path === '/api/v2/users/me.json') {
      return [200, { user: this.botUser }];
    }
    if (method === 'GET' && path === '/api/v2/ticket_forms.json') {
      return [
        200,
        {
          ticket_forms: this.forms,
          next_page: null,
          previous_page: null,
          count: this.forms.length,
        },
      ];
    }
    if (method === 'GET' && path === '/api/v2/users/search.json') {
      const email = (url.searchParams.get('query') ?? '').replace(/^email:/, '');
      return [200, { users: this.users.filter((user) => user.email === email), count: 0 }];
    }
    if (method === 'POST' && path === '/api/v2/users.json') {
      const user = { id: this.id(), role: 'end-user' as const, ...body.user };
      this.users.push(user);
      return [201, { user }];
    }
    if (method === 'POST' && path === '/api/v2/tickets.json') {
      const input = body.ticket;
      if (!input?.comment?.body) {
        return [422, { error: 'RecordInvalid', details: { description: ['cannot be blank'] } }];
      }
      const source = input.via_followup_source_id;
      if (source !== undefined && this.ticket(source)?.status !== 'closed') {
        return [422, invalid('via_followup_source_id', 'must be a closed ticket')];
      }
      const ticket: ZendeskTicket = {
        followup_source_id: source ?? null,
        ticket_form_id: input.ticket_form_id ?? null,
        id: this.id(),
        subject: input.subject,
        status: 'new',
        priority: input.priority ?? null,
        type: input.type ?? null,
        tags: input.tags ?? [],
        external_id: input.external_id ?? null,
        requester_id: input.requester_id ?? this.botUser.id,
        comments: [],
      };
      ticket.comments.push({
        id: this.id(),
        body: input.comment.body,
        public: input.comment.public ?? true,
        author_id: this.botUser.id,
      });
      this.tickets.push(ticket);
      return [201, { ticket: this.shown(ticket), audit: { events: [] } }];
    }
    if (method === 'GET' && path === '/api/v2/tickets.json') {
      const external = url.searchParams.get('external_id');
      const found = this.tickets.filter((t) => external === null || t.external_id === external);
      return [200, { tickets: found.map((t) => this.shown(t)), count: found.length }];
    }
    const ticket = one ? this.ticket(one[1] as string) : undefined;
    if (one && !ticket) return [404, { error: 'RecordNotFound', description: 'Not found' }];
    if (ticket && method === 'GET') return [200, { ticket: this.shown(ticket) }];
    if (ticket && method === 'PUT') {
      // Zendesk keeps a closed ticket as it is: a reply to it needs a follow-up ticket.
      if (ticket.status === 'closed') {
        return [422, invalid('status', 'closed prevents ticket update')];
      }
      const input = body.ticket ?? {};
      if (input.status) ticket.status = input.status;
      if (input.comment) {
        ticket.comments.push({
          id: this.id(),
          body: input.comment.body,
          public: input.comment.public ?? true,
          author_id: this.botUser.id,
        });
      }
      return [200, { ticket: this.shown(ticket), audit: { events: [] } }];
    }
    return [404, { error: 'InvalidEndpoint', description: 'Not found' }];
  }

  private shown(ticket: ZendeskTicket) {
    const { id, subject, status, priority, type, tags, external_id, requester_id } = ticket;
    const url = `${this.url}/api/v2/tickets/${id}.json`;
    const ticket_form_id = ticket.ticket_form_id ?? null;
    const shown = { id, url, subject, status, priority, type, tags, external_id, requester_id };
    return { ...shown, ticket_form_id };
  }
}

/** Zendesk's `RecordInvalid` answer for one field. */
const invalid = (field: string, description: string) => ({
  error: 'RecordInvalid',
  description: 'Record validation errors',
  details: { [field]: [{ description: `${field}: ${description}` }] },
});
