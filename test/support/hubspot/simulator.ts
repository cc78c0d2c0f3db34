import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubspotStore, type HubspotObject } from './store.js';

/**
 * A fault for the next matching calls: answer `status` `times` times (with HubSpot's error body,
 * `Retry-After` when given); `applied` does the work first (a 5xx after the ticket was made).
 */
export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  times?: number;
  applied?: boolean;
  retryAfter?: string;
  /** Never answer (after doing the work, with `applied`): the bot's call times out. */
  hang?: boolean;
}

const CATEGORY: Record<number, string> = {
  401: 'INVALID_AUTHENTICATION',
  403: 'MISSING_SCOPES',
  404: 'OBJECT_NOT_FOUND',
  429: 'RATE_LIMITS',
};

/** A HubSpot user working tickets in HubSpot itself. */
export const HUBSPOT_AGENT = { id: '4417802', name: 'Hana Agent' };

/**
 * HubSpot's CRM API as its public reference describes it, for the calls the bot makes: a private
 * app's Bearer token (401 `INVALID_AUTHENTICATION` otherwise), `GET /account-info/v3/details`,
 * `GET /crm/v3/properties/tickets`, the tickets' batch upsert by a unique-value `idProperty`,
 * ticket read and update (`hs_lastmodifieddate` bumped), search (`filterGroups`, `EQ`, `GTE`,
 * `HAS_PROPERTY`, sorts) on tickets, notes and companies, v4 default associations, notes, and
 * faults (401, 404, 429 with `Retry-After`, 5xx) with HubSpot's error body.
 */
export class HubspotSimulator extends HubspotStore {
  readonly faults: Fault[] = [];
  /** Every call the bot made: method, path (with query), the status answered and the body sent. */
  readonly calls: { method: string; path: string; status: number; body: unknown }[] = [];
  token = 'pat-na1-11111111-2222-3333-4444-555555555555';
  readonly portalId = 62515;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    super();
  }

  static async start(): Promise<HubspotSimulator> {
    const holder: { sim?: HubspotSimulator } = {};
    const server = createServer((req, res) => void holder.sim?.handle(req, res).catch(() => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.sim = new HubspotSimulator(server, `http://127.0.0.1:${port}`);
    return holder.sim;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const body: unknown = text ? JSON.parse(text) : undefined;
    const answer = (status: number, out?: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, path: `${url.pathname}${url.search}`, status, body });
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
      res.end(out === undefined ? '' : JSON.stringify(out));
    };
    const error = (status: number, message: string) => ({
      status: 'error',
      message,
      correlationId: 'c0ffee00-0000-4000-8000-000000000000',
      category: CATEGORY[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR'),
    });
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return answer(401, error(401, 'Authentication credentials not found.'));
    }
    const fault = this.faults.find((f) => f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.applied) this.route(method, url, body);
      if (fault.hang) {
        this.calls.push({ method, path: `${url.pathname}${url.search}`, status: 0, body });
        return;
      }
      const headers: Record<string, string> = fault.retryAfter
        ? { 'retry-after': fault.retryAfter }
        : {};
      return answer(fault.status, error(fault.status, 'simulated'), headers);
    }
    const [status, out] = this.route(method, url, body);
    return answer(status, out, {});
  }

  private route(method: string, url: URL, body: unknown): [number, unknown] {
    const path = url.pathname;
    const notFound: [number, unknown] = [
      404,
      { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' },
    ];
    if (method === 'GET' && path === '/account-info/v3/details') {
      return [200, { portalId: this.portalId, accountType: 'STANDARD', timeZone: 'US/Eastern' }];
    }
    if (method === 'GET' && path === '/crm/v3/properties/tickets') {
      return [200, { results: this.ticketPropertyList() }];
    }
    if (method === 'POST' && path === '/crm/v3/objects/tickets/batch/upsert') {
      return this.upsert(body as { inputs: UpsertInput[] });
    }
    const search = /^\/crm\/v3\/objects\/(tickets|notes|companies)\/search$/.exec(path);
    if (method === 'POST' && search) return [200, this.search(search[1] as Kind, body as Search)];
    const one = /^\/crm\/v3\/objects\/(tickets|companies|notes)\/(\d+)$/.exec(path);
    if (one) {
      const found = this.objects(one[1] as Kind).find((o) => o.id === one[2]);
      if (!found) return notFound;
      if (method === 'PATCH') {
        this.update(found, (body as { properties: Record<string, string> }).properties);
      }
      const names = url.searchParams.getAll('properties').flatMap((p) => p.split(','));
      return [200, this.shown(found, names)];
    }
    if (method === 'POST' && path === '/crm/v3/objects/notes') {
      return [201, this.shown(this.addNote(body as NoteInput, null), [])];
    }
    const assoc =
      /^\/crm\/v4\/objects\/tickets\/(\d+)\/associations\/default\/companies\/(\d+)$/.exec(path);
    if (method === 'PUT' && assoc) {
      const ticket = this.tickets.find((t) => t.id === assoc[1]);
      if (!ticket || !this.companies.some((c) => c.id === assoc[2])) return notFound;
      if (!ticket.companyIds.includes(assoc[2] as string))
        ticket.companyIds.push(assoc[2] as string);
      const now = new Date().toISOString();
      const result = {
        from: { id: assoc[1] },
        to: { id: assoc[2] },
        associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 339 },
      };
      return [200, { status: 'COMPLETE', results: [result], startedAt: now, completedAt: now }];
    }
    const noteTickets = /^\/crm\/v4\/objects\/notes\/(\d+)\/associations\/tickets$/.exec(path);
    if (method === 'GET' && noteTickets) {
      const note = this.notes.find((n) => n.id === noteTickets[1]);
      if (!note) return notFound;
      const results = note.ticketIds.map((id) => ({
        toObjectId: Number(id),
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 228, label: null }],
      }));
      return [200, { results }];
    }
    return notFound;
  }

  private upsert(body: { inputs: UpsertInput[] }): [number, unknown] {
    const startedAt = new Date().toISOString();
    const results = [];
    for (const input of body.inputs) {
      const property = this.ticketProperties.find((p) => p.name === input.idProperty);
      if (!property?.hasUniqueValue) {
        return [
          400,
          {
            status: 'error',
            message: `Property ${input.idProperty} is not a unique identifier property`,
            category: 'VALIDATION_ERROR',
          },
        ];
      }
      const found = this.tickets.find((t) => t.properties[input.idProperty] === input.id);
      const ticket = found ?? this.create('tickets', { [input.idProperty]: input.id });
      this.update(ticket, input.properties);
      results.push({ ...this.shown(ticket, Object.keys(input.properties)), new: !found });
    }
    return [200, { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() }];
  }
}

type Kind = 'tickets' | 'notes' | 'companies';
interface UpsertInput {
  idProperty: string;
  id: string;
  properties: Record<string, string>;
}
interface NoteInput {
  properties: Record<string, string>;
  associations?: { to: { id: string } }[];
}
interface Search {
  filterGroups?: { filters: { propertyName: string; operator: string; value?: string }[] }[];
  sorts?: (string | { propertyName: string; direction?: string })[];
  properties?: string[];
  limit?: number;
}
export type { HubspotObject };
