import { createHash } from 'node:crypto';
import { Connection } from 'jsforce';
import pRetry from 'p-retry';
import { z } from 'zod';
import { VendorError, type SalesforceCredentials } from '../../connectors/connector.js';
import { vendorError } from './salesforce-errors.js';
import { changedCases, newCaseComments } from './salesforce-sync.js';
import {
  caseValue,
  soqlString,
  type CaseFields,
  type CaseRef,
  type CrmAccount,
  type CrmClient,
} from '../../connectors/crm.js';

/** The REST API version the bot speaks. */
export const SALESFORCE_API_VERSION = '62.0';
/** How long one call may take before it counts as no answer. */
const TIMEOUT_MS = 10_000;

/**
 * jsforce's own retries are off (its retry of a call with a body resends an emptied stream);
 * idempotent calls (reads, the upsert, updates) are tried twice more here on 429/5xx or no answer.
 */
const NO_JSFORCE_RETRY = { maxRetries: 0 };
const INLINE_RETRIES = 2;

/** Access tokens by login (URL and credentials hashed), shared by an instance's calls. */
const sessions = new Map<string, { accessToken: string; instanceUrl: string; userId: string }>();

const Saved = z.object({ id: z.string(), success: z.boolean() });
const AccountRecord = z.looseObject({ Id: z.string(), Name: z.string() });
const CaseRecord = z.looseObject({ Id: z.string(), Status: z.string().nullable() });
type CaseRecord = z.infer<typeof CaseRecord>;
const Describe = z.object({
  fields: z.array(z.object({ name: z.string(), createable: z.boolean(), updateable: z.boolean() })),
});

/**
 * Salesforce's REST API through jsforce (v3, pinned): OAuth 2.0 client-credentials (or
 * username-password) login at `loginUrl`, the token kept per instance; a 401
 * `INVALID_SESSION_ID` (an expired token) makes jsforce log in again and retry once. Cases are
 * upserted by an External ID field holding the request's id, so a retried create updates the
 * Case it made instead of making another. Every failure is a {@link VendorError}.
 */
export class SalesforceClient implements CrmClient {
  private readonly key: string;
  private conn: Connection | null = null;
  private refreshes = 0;
  /** Why the last new login during a call failed (jsforce wraps it in a plain Error). */
  private refreshFailure: VendorError | null = null;

  constructor(
    private readonly loginUrl: string,
    private readonly credentials: SalesforceCredentials,
    private readonly externalIdField: string,
  ) {
    this.key = createHash('sha256')
      .update(JSON.stringify([loginUrl, credentials]))
      .digest('hex');
  }

  async me(): Promise<{ id: string; name: string }> {
    await this.connection();
    const userId = sessions.get(this.key)?.userId ?? '';
    return { id: userId, name: this.credentials.username ?? this.credentials.client_id };
  }

  async caseFields(): Promise<{ writable: string[]; readable: string[] }> {
    const body = Describe.parse(await this.call('GET', '/sobjects/Case/describe'));
    return {
      writable: body.fields.filter((f) => f.createable || f.updateable).map((f) => f.name),
      readable: body.fields.map((f) => f.name),
    };
  }

  async upsertCase(
    externalId: string,
    fields: CaseFields,
    readBack: readonly string[] = [],
  ): Promise<CaseRef> {
    const path = `/sobjects/Case/${this.externalIdField}/${encodeURIComponent(externalId)}`;
    const saved = Saved.parse(await this.call('PATCH', path, fields));
    return this.readCase(saved.id, readBack);
  }

  async updateCase(caseId: string, fields: CaseFields): Promise<void> {
    await this.call('PATCH', `/sobjects/Case/${encodeURIComponent(caseId)}`, fields);
  }

  async addCaseComment(caseId: string, comment: { body: string; public: boolean }) {
    const fields = { ParentId: caseId, CommentBody: comment.body, IsPublished: comment.public };
    Saved.parse(await this.call('POST', '/sobjects/CaseComment', fields));
  }

  async account(id: string, extraFields: readonly string[] = []): Promise<CrmAccount | null> {
    const [found] = await this.accounts(`Id = ${soqlString(id)}`, extraFields);
    return found ?? null;
  }

  accountsByName(name: string, extraFields: readonly string[] = []): Promise<CrmAccount[]> {
    return this.accounts(`Name = ${soqlString(name)}`, extraFields);
  }

  private async accounts(where: string, extraFields: readonly string[]): Promise<CrmAccount[]> {
    const names = ['Id', 'Name', ...extraFields.filter((f) => f !== 'Id' && f !== 'Name')];
    const soql = `SELECT ${names.join(', ')} FROM Account WHERE ${where} LIMIT 10`;
    const records = z.array(AccountRecord).parse(await this.query(soql));
    const base = await this.instanceUrl();
    return records.map((record) => ({
      id: record.Id,
      name: record.Name,
      url: `${base}/lightning/r/Account/${record.Id}/view`,
      fields: Object.fromEntries(extraFields.map((f) => [f, record[f] ?? null])),
    }));
  }

  changedCases(since: Date) {
    return changedCases((soql) => this.query(soql), this.externalIdField, since);
  }

  newComments(since: Date, me: string) {
    return newCaseComments((soql) => this.query(soql), this.externalIdField, since, me);
  }

  /** A SOQL query's records (its first batch: the bot's queries are LIMITed below 2,000). */
  async query(soql: string): Promise<unknown[]> {
    const body = await this.call('GET', `/query?q=${encodeURIComponent(soql)}`);
    return z.object({ records: z.array(z.unknown()) }).parse(body).records;
  }

  /** The Lightning address of a record. */
  async recordUrl(type: string, id: string): Promise<string> {
    return `${await this.instanceUrl()}/lightning/r/${type}/${id}/view`;
  }

  async readCase(id: string, readBack: readonly string[] = []): Promise<CaseRef> {
    const names = [...new Set(['Id', 'Status', ...readBack])].join(',');
    const path = `/sobjects/Case/${encodeURIComponent(id)}?fields=${encodeURIComponent(names)}`;
    const record = CaseRecord.parse(await this.call('GET', path));
    return this.caseRef(record, readBack);
  }

  /** A Case record as read (`Id`, `Status` and `readBack`), as the bot keeps it. */
  private async caseRef(record: CaseRecord, readBack: readonly string[]): Promise<CaseRef> {
    const base = await this.instanceUrl();
    return {
      id: record.Id,
      url: `${base}/lightning/r/Case/${record.Id}/view`,
      status: record.Status ?? '',
      fields: Object.fromEntries(readBack.map((name) => [name, caseValue(record[name])])),
    };
  }

  private async instanceUrl(): Promise<string> {
    return (await this.connection()).instanceUrl;
  }

  /** One REST call; a GET or PATCH (idempotent) is tried again on 429/5xx or no answer. */
  private call(method: 'GET' | 'PATCH' | 'POST', url: string, body?: unknown): Promise<unknown> {
    return pRetry(() => this.once(method, url, body), {
      retries: method === 'POST' ? 0 : INLINE_RETRIES,
      minTimeout: 200,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof VendorError && error.transient,
    });
  }

  private async once(method: string, url: string, body?: unknown): Promise<unknown> {
    const conn = await this.connection();
    try {
      const request = {
        method: method as 'GET',
        url,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      };
      return await conn.request(request, { retry: NO_JSFORCE_RETRY, timeout: TIMEOUT_MS });
    } catch (error) {
      const refused = this.refreshFailure;
      this.refreshFailure = null;
      throw refused ?? vendorError(error, `${method} ${url.split('?')[0]}`, method !== 'GET');
    }
  }

  /** The connection, logged in once per instance (the token reused until it expires). */
  private async connection(): Promise<Connection> {
    if (this.conn) return this.conn;
    const saved = sessions.get(this.key);
    const conn = new Connection({
      loginUrl: this.loginUrl,
      version: SALESFORCE_API_VERSION,
      oauth2: {
        loginUrl: this.loginUrl,
        clientId: this.credentials.client_id,
        clientSecret: this.credentials.client_secret,
      },
      ...(saved ? { accessToken: saved.accessToken, instanceUrl: saved.instanceUrl } : {}),
      // An expired token: log in again, once per call of the client (then the 401 stands).
      refreshFn: (c, callback) => {
        if (this.refreshes++ > 0) {
          callback(new VendorError('unauthorized', 'the new session was refused too', 401));
          return;
        }
        this.login(c).then(
          () => callback(null, c.accessToken ?? ''),
          (error: unknown) => {
            if (error instanceof VendorError) this.refreshFailure = error;
            callback(error as Error);
          },
        );
      },
    });
    if (!saved) await this.login(conn);
    this.conn = conn;
    return conn;
  }

  private async login(conn: Connection): Promise<void> {
    const { username, password } = this.credentials;
    try {
      const user =
        username && password
          ? await conn.login(username, password)
          : await conn.authorize({ grant_type: 'client_credentials' });
      const accessToken = conn.accessToken ?? '';
      sessions.set(this.key, { accessToken, instanceUrl: conn.instanceUrl, userId: user.id });
    } catch (error) {
      sessions.delete(this.key);
      const failure = vendorError(error, 'POST /services/oauth2/token', false);
      // The token endpoint refuses credentials with a 400 (`invalid_client`, `invalid_grant`).
      if (failure.kind !== 'unauthorized') throw failure;
      throw new VendorError('unauthorized', failure.message, 400);
    }
  }
}
