/** A record as HubSpot keeps it: its id and its properties (all strings), and what it is on. */
export interface HubspotObject {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** Tickets: their companies (v4 associations). */
  companyIds: string[];
  /** Notes: their tickets. */
  ticketIds: string[];
}

/** A ticket property as `GET /crm/v3/properties/tickets` lists it. */
export interface TicketPropertyDef {
  name: string;
  hasUniqueValue: boolean;
  readOnly: boolean;
}

/** The simulated portal's ticket properties: HubSpot's own that the bot uses, and two custom. */
export const TICKET_PROPERTIES: TicketPropertyDef[] = [
  ...['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority'].map(
    (name) => ({ name, hasUniqueValue: false, readOnly: false }),
  ),
  ...['hs_object_id', 'hs_lastmodifieddate', 'createdate', 'hs_ticket_id'].map((name) => ({
    name,
    hasUniqueValue: false,
    readOnly: true,
  })),
  { name: 'source_channel', hasUniqueValue: false, readOnly: false },
  { name: 'product_area', hasUniqueValue: false, readOnly: false },
  { name: 'triage_request_id', hasUniqueValue: true, readOnly: false },
];

type Filter = { propertyName: string; operator: string; value?: string };

/** The simulator's records and how HubSpot's search and reads see them. */
export class HubspotStore {
  readonly tickets: HubspotObject[] = [];
  readonly notes: HubspotObject[] = [];
  readonly companies: HubspotObject[] = [];
  readonly ticketProperties: TicketPropertyDef[] = TICKET_PROPERTIES.map((p) => ({ ...p }));
  private nextId = 9000;
  private lastStamp = 0;

  constructor() {
    this.create('companies', { name: 'Acme Corp', domain: 'acme.test', industry: 'RETAIL' });
    this.create('companies', { name: 'Globex', domain: 'globex.test', industry: 'UTILITIES' });
    this.create('companies', { name: 'Initech', domain: 'initech.test' });
    this.create('companies', { name: 'Initech', domain: 'initech-holdings.test' });
  }

  companyNamed(name: string): HubspotObject {
    const found = this.companies.find((c) => c.properties.name === name);
    if (!found) throw new Error(`no company ${name}`);
    return found;
  }

  ticketById(id: string): HubspotObject | undefined {
    return this.tickets.find((t) => t.id === id);
  }

  /** An agent moves a ticket in HubSpot (its `hs_lastmodifieddate` moves). */
  moveTicket(id: string, stage: string): void {
    const ticket = this.ticketById(id);
    if (!ticket) throw new Error(`no ticket ${id}`);
    this.update(ticket, { hs_pipeline_stage: stage });
  }

  /** A HubSpot user adds a note on a ticket. */
  agentNote(ticketId: string, html: string): HubspotObject {
    const properties = { hs_note_body: html, hs_timestamp: new Date().toISOString() };
    return this.addNote({ properties, associations: [{ to: { id: ticketId } }] }, '4417802');
  }

  protected addNote(
    input: { properties: Record<string, string>; associations?: { to: { id: string } }[] },
    userId: string | null,
  ): HubspotObject {
    const note = this.create('notes', {
      ...input.properties,
      ...(userId ? { hs_created_by_user_id: userId } : {}),
    });
    note.ticketIds = (input.associations ?? []).map((a) => a.to.id);
    return note;
  }

  protected objects(kind: 'tickets' | 'notes' | 'companies'): HubspotObject[] {
    return kind === 'tickets' ? this.tickets : kind === 'notes' ? this.notes : this.companies;
  }

  protected create(
    kind: 'tickets' | 'notes' | 'companies',
    properties: Record<string, string>,
  ): HubspotObject {
    const id = String(this.nextId++);
    const at = this.stamp();
    const record: HubspotObject = {
      id,
      properties: { ...properties, hs_object_id: id, createdate: at, hs_createdate: at },
      createdAt: at,
      updatedAt: at,
      companyIds: [],
      ticketIds: [],
    };
    record.properties.hs_lastmodifieddate = at;
    if (kind === 'tickets') record.properties.hs_ticket_id = id;
    this.objects(kind).push(record);
    return record;
  }

  /** Writes properties ('' clears one) and bumps `hs_lastmodifieddate`. */
  protected update(record: HubspotObject, properties: Record<string, string>): void {
    for (const [name, value] of Object.entries(properties)) {
      if (value === '') delete record.properties[name];
      else record.properties[name] = value;
    }
    record.updatedAt = this.stamp();
    record.properties.hs_lastmodifieddate = record.updatedAt;
  }

  /** A record as the API answers it: the properties asked for (and HubSpot's defaults). */
  protected shown(record: HubspotObject, names: readonly string[]) {
    const wanted = new Set([...names, 'hs_object_id', 'createdate', 'hs_lastmodifieddate']);
    const properties = Object.fromEntries(
      [...wanted].map((name) => [name, record.properties[name] ?? null]),
    );
    const { id, createdAt, updatedAt } = record;
    return { id, properties, createdAt, updatedAt, archived: false };
  }

  protected ticketPropertyList() {
    return this.ticketProperties.map((p) => ({
      name: p.name,
      label: p.name,
      type: 'string',
      fieldType: 'text',
      groupName: 'ticketinformation',
      description: '',
      options: [],
      hasUniqueValue: p.hasUniqueValue,
      hubspotDefined: !['source_channel', 'product_area', 'triage_request_id'].includes(p.name),
      modificationMetadata: {
        archivable: true,
        readOnlyDefinition: true,
        readOnlyValue: p.readOnly,
      },
    }));
  }

  /** HubSpot's search: any filter group matching (its filters all), sorted, `limit` at most. */
  protected search(
    kind: 'tickets' | 'notes' | 'companies',
    body: {
      filterGroups?: { filters: Filter[] }[];
      sorts?: (string | { propertyName: string; direction?: string })[];
      properties?: string[];
      limit?: number;
    },
  ) {
    const groups = body.filterGroups ?? [];
    let found = this.objects(kind).filter(
      (o) => groups.length === 0 || groups.some((g) => g.filters.every((f) => matches(o, f))),
    );
    const [sort] = body.sorts ?? [];
    if (sort) {
      const name = typeof sort === 'string' ? sort.replace(/^-/, '') : sort.propertyName;
      const down =
        typeof sort === 'string' ? sort.startsWith('-') : sort.direction === 'DESCENDING';
      found = [...found].sort((a, b) => {
        const order = compare(a.properties[name], b.properties[name]);
        return down ? -order : order;
      });
    }
    const results = found
      .slice(0, body.limit ?? 10)
      .map((o) => this.shown(o, body.properties ?? []));
    return { total: found.length, results };
  }

  /** HubSpot's date-time property format, strictly later than the last one given. */
  private stamp(): string {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}T/;
/** A property's value as compared: dates as milliseconds (search values are), else as text. */
const comparable = (value: string | undefined): number | string | undefined =>
  value !== undefined && DATE.test(value) ? Date.parse(value) : value;

function compare(a: string | undefined, b: string | undefined): number {
  const [x, y] = [comparable(a), comparable(b)];
  if (x === y) return 0;
  if (x === undefined) return -1;
  if (y === undefined) return 1;
  return x < y ? -1 : 1;
}

function matches(record: HubspotObject, filter: Filter): boolean {
  const value = record.properties[filter.propertyName];
  if (filter.operator === 'HAS_PROPERTY') return value !== undefined && value !== '';
  if (filter.operator === 'NOT_HAS_PROPERTY') return value === undefined || value === '';
  if (value === undefined) return false;
  const have = comparable(value);
  const asked = typeof have === 'number' ? Number(filter.value) : filter.value;
  if (filter.operator === 'EQ') return have === asked;
  if (filter.operator === 'NEQ') return have !== asked;
  if (asked === undefined || have === undefined) return false;
  if (filter.operator === 'GTE') return have >= asked;
  if (filter.operator === 'GT') return have > asked;
  if (filter.operator === 'LTE') return have <= asked;
  if (filter.operator === 'LT') return have < asked;
  throw new Error(`operator ${filter.operator} not simulated`);
}
