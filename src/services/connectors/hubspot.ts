import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { VendorError } from '../../connectors/connector.js';
import { HttpFailure, hubspotError, isFetchResponse } from './hubspot-errors.js';
import {
  caseValue,
  type CaseFields,
  type CaseRef,
  type CrmAccount,
  type CrmClient,
} from '../../connectors/crm.js';
import { hubspotRecordUrl, type HubspotCredentials } from '../../connectors/hubspot.js';
import { changedTickets, newTicketNotes } from './hubspot-sync.js';

/**
 * How long a call may take before it counts as no answer. The SDK sets no timeout, and 13.5.0's
 * generated APIs ignore its `httpAgent` (their configured middleware is only applied with
 * per-call middleware), so the wait is cut here; the abandoned call ends with its socket.
 */
const TIMEOUT_MS = 10_000;

/** HubSpot's association type id of a note to its ticket (HUBSPOT_DEFINED). */
const NOTE_TO_TICKET = 228;

/** A ticket property as `GET /crm/v3/properties/tickets` lists it. */
export interface TicketProperty {
  name: string;
  unique: boolean;
  writable: boolean;
}

const AccountInfo = z.object({ portalId: z.number() });

/**
 * HubSpot's CRM API through its maintained SDK (`@hubspot/api-client`, pinned at 13.5.0: 14.x
 * needs Node 22), a private app's token as Bearer, pointed at `baseUrl` (`basePath`). The SDK's
 * own retries and rate limiter are off: the connector worker retries a task on the
 * {@link VendorError} each failure becomes. Tickets are upserted by a unique-value property
 * holding the request's id, so a create tried again updates the ticket the first try made.
 */
export class HubspotClient implements CrmClient {
  private readonly sdk: Client;

  constructor(
    baseUrl: string,
    credentials: HubspotCredentials,
    private readonly idProperty: string,
    private readonly portalId: string,
  ) {
    this.sdk = new Client({
      accessToken: credentials.access_token,
      basePath: baseUrl,
      numberOfApiCallRetries: 0,
    });
  }

  /** The portal (HubSpot account) the token belongs to: its id marks the links to records. */
  async me(): Promise<{ id: string; name: string }> {
    const response = await this.call('GET /account-info/v3/details', () =>
      this.sdk.apiRequest({ method: 'GET', path: '/account-info/v3/details' }),
    );
    const body = AccountInfo.parse(await response.json());
    return { id: String(body.portalId), name: `HubSpot portal ${body.portalId}` };
  }

  /** The ticket's properties, which are unique-valued, and which the token may write. */
  async ticketPropertyList(): Promise<TicketProperty[]> {
    const body = await this.call('GET /crm/v3/properties/tickets', () =>
      this.sdk.crm.properties.coreApi.getAll('tickets'),
    );
    return body.results.map((p) => ({
      name: p.name,
      unique: p.hasUniqueValue === true,
      writable: !p.calculated && p.modificationMetadata?.readOnlyValue !== true,
    }));
  }

  async caseFields(): Promise<{ writable: string[]; readable: string[] }> {
    const properties = await this.ticketPropertyList();
    return {
      writable: properties.filter((p) => p.writable).map((p) => p.name),
      readable: properties.map((p) => p.name),
    };
  }

  async upsertCase(
    externalId: string,
    fields: CaseFields,
    readBack: readonly string[] = [],
    companyId?: string | null,
  ): Promise<CaseRef> {
    const properties = Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [name, value === null ? '' : String(value)]),
    );
    const input = { idProperty: this.idProperty, id: externalId, properties };
    const saved = await this.call('POST /crm/v3/objects/tickets/batch/upsert', () =>
      this.sdk.crm.tickets.batchApi.upsert({ inputs: [input] }),
    );
    const ticket = saved.results[0];
    if (!ticket) throw new VendorError('refused', 'the ticket upsert answered no ticket', 400);
    if (companyId) {
      await this.call('PUT /crm/v4/objects/tickets/{id}/associations/default/companies/{id}', () =>
        this.sdk.crm.associations.v4.basicApi.createDefault(
          'tickets',
          ticket.id,
          'companies',
          companyId,
        ),
      );
    }
    return this.readCase(ticket.id, readBack);
  }

  async readCase(id: string, readBack: readonly string[] = []): Promise<CaseRef> {
    const names = [...new Set(['hs_pipeline_stage', ...readBack])];
    const ticket = await this.call('GET /crm/v3/objects/tickets/{id}', () =>
      this.sdk.crm.tickets.basicApi.getById(id, names),
    );
    return {
      id: ticket.id,
      url: hubspotRecordUrl(this.portalId, 'ticket', ticket.id),
      status: ticket.properties.hs_pipeline_stage ?? '',
      fields: Object.fromEntries(readBack.map((n) => [n, caseValue(ticket.properties[n])])),
    };
  }

  async updateCase(caseId: string, fields: CaseFields): Promise<void> {
    const properties = Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [name, value === null ? '' : String(value)]),
    );
    await this.call('PATCH /crm/v3/objects/tickets/{id}', () =>
      this.sdk.crm.tickets.basicApi.update(caseId, { properties }),
    );
  }

  /** A note on the ticket (HubSpot's notes have no public/internal: every note is internal). */
  async addCaseComment(caseId: string, comment: { body: string; public: boolean }) {
    const association = {
      to: { id: caseId },
      types: [
        { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: NOTE_TO_TICKET },
      ],
    };
    const properties = { hs_note_body: comment.body, hs_timestamp: new Date().toISOString() };
    await this.call('POST /crm/v3/objects/notes', () =>
      this.sdk.crm.objects.notes.basicApi.create({ properties, associations: [association] }),
    );
  }

  async account(id: string, extraFields: readonly string[] = []): Promise<CrmAccount | null> {
    try {
      const company = await this.call('GET /crm/v3/objects/companies/{id}', () =>
        this.sdk.crm.companies.basicApi.getById(id, ['name', ...extraFields]),
      );
      return this.company(company, extraFields);
    } catch (error) {
      if (error instanceof VendorError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  async accountsByName(name: string, extraFields: readonly string[] = []): Promise<CrmAccount[]> {
    const filter = { propertyName: 'name', operator: 'EQ' as never, value: name };
    const found = await this.call('POST /crm/v3/objects/companies/search', () =>
      this.sdk.crm.companies.searchApi.doSearch({
        filterGroups: [{ filters: [filter] }],
        properties: ['name', ...extraFields],
        limit: 10,
      }),
    );
    return found.results.map((company) => this.company(company, extraFields));
  }

  changedCases(since: Date) {
    return changedTickets(this.sdk, (what, run) => this.call(what, run), this.idProperty, since);
  }

  /** Notes by HubSpot users (the bot's own, its app's, have no user): `me` is not needed. */
  newComments(since: Date) {
    return newTicketNotes(this.sdk, (what, run) => this.call(what, run), since);
  }

  private company(
    company: { id: string; properties: Record<string, string | null> },
    extraFields: readonly string[],
  ): CrmAccount {
    return {
      id: company.id,
      name: company.properties.name ?? '',
      url: hubspotRecordUrl(this.portalId, 'company', company.id),
      fields: Object.fromEntries(extraFields.map((f) => [f, company.properties[f] ?? null])),
    };
  }

  /** One SDK call; its failure (an `ApiException`, or no answer) as a {@link VendorError}. */
  async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timeout: no answer in ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      );
    });
    try {
      const result = await Promise.race([run(), timeout]);
      // `apiRequest` answers the raw response, whatever its status.
      if (isFetchResponse(result)) {
        const response = result as unknown as globalThis.Response;
        if (!response.ok)
          throw new HttpFailure(
            response.status,
            response.headers.get('retry-after'),
            await response.text(),
          );
      }
      return result;
    } catch (error) {
      throw hubspotError(error, what);
    } finally {
      clearTimeout(timer);
    }
  }
}
