import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syncQuery } from './sync-query.js';

export type SalesforceRecord = Record<string, string | number | boolean | null>;

export interface SalesforceComment {
  id: string;
  ParentId: string;
  CommentBody: string;
  IsPublished: boolean;
  CreatedById: string;
  CreatedByName: string;
  CreatedDate: string;
}

/** Another user of the org: a support agent working Cases in Salesforce itself. */
export const SALESFORCE_AGENT = { id: '005xx000001AgntAAC', name: 'Sam Agent' };

/**
 * A fault for the next matching calls: answer `status` `times` times (with Salesforce's error
 * array, `errorCode` by status unless given); `applied` does the work first (a 5xx after the
 * Case was made: an ambiguous failure).
 */
export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  errorCode?: string;
  times?: number;
  applied?: boolean;
}

const ERROR_CODE: Record<number, [string, string]> = {
  401: ['INVALID_SESSION_ID', 'Session expired or invalid'],
  403: ['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'],
  404: ['NOT_FOUND', 'The requested resource does not exist'],
  429: ['REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'],
  500: ['UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId.'],
  503: ['SERVER_UNAVAILABLE', 'Server unavailable'],
};

/** The Case fields the simulated org has (the standard ones the bot writes, and two custom). */
export const CASE_FIELDS = [
  'Subject',
  'Description',
  'Origin',
  'Status',
  'Priority',
  'AccountId',
  'Type',
  'Reason',
  'SuppliedName',
  'Product__c',
  'Triage_Request_Id__c',
];

/** The Case fields Salesforce sets itself: read, never written. */
export const READ_ONLY_CASE_FIELDS = [
  'Id',
  'CaseNumber',
  'IsClosed',
  'CreatedDate',
  'LastModifiedDate',
];

const VERSION = /^\/services\/data\/v\d+\.\d+/;

/**
 * Salesforce's OAuth 2.0 token endpoint and REST API as its public reference describes them,
 * for the calls the bot makes: client-credentials and username-password grants (`invalid_client`
 * / `invalid_grant` 400s), Bearer tokens (`INVALID_SESSION_ID` 401 once expired),
 * `sobjects/Case/describe`, the Case upsert by External ID (201 `{id, success, errors,
 * created}` / 200), Case read and update (204), `sobjects/CaseComment`, SOQL on Accounts, error
 * arrays `[{message, errorCode}]` (`INVALID_FIELD` 400, `NOT_FOUND` 404), and faults.
 */
export class SalesforceSimulator {
  readonly cases: SalesforceRecord[] = [];
  readonly comments: SalesforceComment[] = [];
  readonly accounts: SalesforceRecord[] = [];
  readonly faults: Fault[] = [];
  /** Every call the bot made: method, path (with query) and the status answered. */
  readonly calls: { method: string; path: string; status: number }[] = [];
  clientId = 'sf-consumer-key';
  clientSecret = 'sf-consumer-secret';
  /** Tokens granted so far (each login). */
  tokensIssued = 0;
  private readonly tokens = new Set<string>();
  private nextId = 1000;
  private lastStamp = 0;
  readonly userId = '005xx000001SwiUAAS';

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    this.accounts.push({ Id: '001xx000003DGb2AAG', Name: 'Acme Corp', Industry: 'Retail' });
    this.accounts.push({ Id: '001xx000003DGb3AAG', Name: 'Globex', Industry: 'Energy' });
  }

  static async start(): Promise<SalesforceSimulator> {
    const holder: { sim?: SalesforceSimulator } = {};
    // A call the bot gave up on (its timeout) ends the request early: nothing to answer then.
    const server = createServer((req, res) => void holder.sim?.handle(req, res).catch(() => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.sim = new SalesforceSimulator(server, `http://127.0.0.1:${port}`);
    return holder.sim;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Every token granted so far stops working (`INVALID_SESSION_ID`), as when sessions time out. */
  expireTokens(): void {
    this.tokens.clear();
  }

  caseById(id: string): SalesforceRecord | undefined {
    return this.cases.find((c) => c.Id === id);
  }

  /** An agent changes a Case in Salesforce (its LastModifiedDate moves, IsClosed follows Status). */
  editCase(id: string, fields: SalesforceRecord): void {
    const found = this.caseById(id);
    if (!found) throw new Error(`no Case ${id}`);
    this.touch(Object.assign(found, fields), SALESFORCE_AGENT.id);
  }

  /** An agent adds a CaseComment in Salesforce. */
  agentComment(caseId: string, body: string, published = true): SalesforceComment {
    const comment = this.comment(caseId, body, published, SALESFORCE_AGENT);
    this.comments.push(comment);
    return comment;
  }

  private comment(
    caseId: string,
    body: string,
    published: boolean,
    by: { id: string; name: string },
  ): SalesforceComment {
    return {
      id: this.id('00a'),
      ParentId: caseId,
      CommentBody: body,
      IsPublished: published,
      CreatedById: by.id,
      CreatedByName: by.name,
      CreatedDate: this.stamp(),
    };
  }

  /** Salesforce's date-time format, strictly later than the last one given. */
  private stamp(): string {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString().replace('Z', '+0000');
  }

  private touch(record: SalesforceRecord, by: string): void {
    record.LastModifiedDate = this.stamp();
    record.LastModifiedById = by;
    record.IsClosed = record.Status === 'Closed';
  }

  private id(prefix: string): string {
    return `${prefix}xx0000${String(this.nextId++).padStart(6, '0')}AAA`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const answer = (status: number, body?: unknown) => {
      this.calls.push({ method, path: `${url.pathname}${url.search}`, status });
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (method === 'POST' && url.pathname === '/services/oauth2/token') {
      return answer(...this.token(new URLSearchParams(text)));
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.tokens.has(bearer)) {
      return answer(401, [
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
    }
    const fault = this.faults.find((f) => f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.applied) this.route(method, url, text);
      const [code, message] = ERROR_CODE[fault.status] ?? ['SERVER_UNAVAILABLE', 'simulated'];
      return answer(fault.status, [{ message, errorCode: fault.errorCode ?? code }]);
    }
    answer(...this.route(method, url, text));
  }

  /** `POST /services/oauth2/token`: the client-credentials or the username-password grant. */
  private token(form: URLSearchParams): [number, unknown] {
    const grant = form.get('grant_type');
    if (
      form.get('client_id') !== this.clientId ||
      form.get('client_secret') !== this.clientSecret
    ) {
      return [400, { error: 'invalid_client', error_description: 'invalid client credentials' }];
    }
    if (grant === 'password' && form.get('password') !== 'pw-and-security-token') {
      return [400, { error: 'invalid_grant', error_description: 'authentication failure' }];
    }
    if (grant !== 'client_credentials' && grant !== 'password') {
      return [
        400,
        { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
      ];
    }
    const token = `00Dxx0000001gPL!${randomBytes(12).toString('hex')}`;
    this.tokens.add(token);
    this.tokensIssued++;
    return [
      200,
      {
        access_token: token,
        signature: randomBytes(16).toString('base64'),
        scope: 'api',
        instance_url: this.url,
        id: `${this.url}/id/00Dxx0000001gPLEAY/${this.userId}`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      },
    ];
  }

  private route(method: string, url: URL, text: string): [number, unknown] {
    const body = text ? (JSON.parse(text) as SalesforceRecord) : {};
    const path = url.pathname.replace(VERSION, '');
    if (method === 'GET' && path === '/sobjects/Case/describe') {
      const fields = [...READ_ONLY_CASE_FIELDS, ...CASE_FIELDS].map((name) => ({
        name,
        type: name === 'Id' ? 'id' : 'string',
        createable: !READ_ONLY_CASE_FIELDS.includes(name),
        updateable: !READ_ONLY_CASE_FIELDS.includes(name),
        externalId: name === 'Triage_Request_Id__c',
      }));
      return [200, { name: 'Case', label: 'Case', fields }];
    }
    const invalid = Object.keys(body).find(
      (field) => path.startsWith('/sobjects/Case/') && !CASE_FIELDS.includes(field),
    );
    if (invalid) {
      const message = `No such column '${invalid}' on sobject of type Case`;
      return [400, [{ message, errorCode: 'INVALID_FIELD' }]];
    }
    const upsert = /^\/sobjects\/Case\/Triage_Request_Id__c\/(.+)$/.exec(path);
    if (method === 'PATCH' && upsert) {
      const externalId = decodeURIComponent(upsert[1] as string);
      const found = this.cases.find((c) => c.Triage_Request_Id__c === externalId);
      if (found) {
        this.touch(Object.assign(found, body), this.userId);
        return [200, { id: found.Id, success: true, errors: [], created: false }];
      }
      const made: SalesforceRecord = {
        Status: 'New',
        ...body,
        Id: this.id('500'),
        CaseNumber: String(this.cases.length + 1001).padStart(8, '0'),
        Triage_Request_Id__c: externalId,
      };
      made.CreatedDate = this.stamp();
      this.touch(made, this.userId);
      this.cases.push(made);
      return [201, { id: made.Id, success: true, errors: [], created: true }];
    }
    const one = /^\/sobjects\/Case\/([A-Za-z0-9]{15,18})$/.exec(path);
    if (one) {
      const found = this.caseById(one[1] as string);
      if (!found)
        return [
          404,
          [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
        ];
      if (method === 'GET') {
        const asked = url.searchParams.get('fields')?.split(',');
        const unknown = asked?.find(
          (name) => !READ_ONLY_CASE_FIELDS.includes(name) && !CASE_FIELDS.includes(name),
        );
        if (unknown) {
          const message = `No such column '${unknown}' on entity 'Case'`;
          return [400, [{ message, errorCode: 'INVALID_FIELD' }]];
        }
        const record = asked
          ? Object.fromEntries(asked.map((name) => [name, found[name] ?? null]))
          : found;
        return [200, { attributes: { type: 'Case', url: url.pathname }, ...record }];
      }
      if (method === 'PATCH') {
        this.touch(Object.assign(found, body), this.userId);
        return [204, undefined];
      }
    }
    if (method === 'POST' && path === '/sobjects/CaseComment') {
      if (!this.caseById(String(body.ParentId))) {
        const message = 'Parent ID: id value of incorrect type';
        return [400, [{ message, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['ParentId'] }]];
      }
      const by = { id: this.userId, name: 'Triage Integration' };
      const published = body.IsPublished === true;
      const comment = this.comment(String(body.ParentId), String(body.CommentBody), published, by);
      this.comments.push(comment);
      return [201, { id: comment.id, success: true, errors: [] }];
    }
    if (method === 'GET' && path === '/query') {
      const soql = url.searchParams.get('q') ?? '';
      return soql.includes(' FROM Account ')
        ? this.query(soql)
        : syncQuery(soql, this.cases, this.comments);
    }
    return [404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]];
  }

  /** SOQL as the bot writes it: `SELECT … FROM Account WHERE Id|Name = '…' LIMIT n`. */
  private query(soql: string): [number, unknown] {
    const match = /^SELECT (.+) FROM Account WHERE (Id|Name) = '((?:[^'\\]|\\.)*)' LIMIT \d+$/.exec(
      soql,
    );
    if (!match)
      return [400, [{ message: `unexpected query: ${soql}`, errorCode: 'MALFORMED_QUERY' }]];
    const [, select, field, quoted] = match as unknown as [string, string, string, string];
    const value = quoted.replace(/\\(.)/g, '$1');
    const names = select.split(',').map((name) => name.trim());
    const unknown = names.find((name) => !['Id', 'Name', 'Industry'].includes(name));
    if (unknown) {
      const message = `No such column '${unknown}' on entity 'Account'`;
      return [400, [{ message, errorCode: 'INVALID_FIELD' }]];
    }
    const records = this.accounts
      .filter((a) => a[field] === value)
      .map((a) => ({
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${a.Id}` },
        ...Object.fromEntries(names.map((name) => [name, a[name] ?? null])),
      }));
    return [200, { totalSize: records.length, done: true, records }];
  }
}
