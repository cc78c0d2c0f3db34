import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault } from '../zendesk/simulator.js';
import { adfOf } from './adf.js';

export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

export interface JiraIssue {
  id: string;
  key: string;
  summary: string;
  status: string;
  issuetype: string;
  priority: string | null;
  labels: string[];
  description: unknown;
  comments: { id: string; body: unknown; authorId: string; internal: boolean }[];
  /** Issue links made with the issue (`update.issuelinks`): the link type and the other key. */
  links?: { type: string; outwardIssue: string }[];
}

/** The workflow: each status, its category, and the transitions out of it (to any other). */
const WORKFLOW: Record<string, string> = {
  'To Do': 'new',
  'In Progress': 'indeterminate',
  Done: 'done',
};

/**
 * Jira Cloud's REST API v3 as its reference describes it, for the calls the bot makes: basic
 * auth `{email}:{api_token}` (else 401), `myself`, create issue (ADF description), JQL search by
 * label (with issue links), comments, transitions (GET the ones available, POST one by id), user search, and
 * faults (401/404/429 with `Retry-After`/5xx). `comment` and `status` play a Jira agent and send
 * the admin webhook's events, signed `X-Hub-Signature: sha256=<hex>`.
 */
export class JiraSimulator {
  readonly issues: JiraIssue[] = [];
  readonly faults: Fault[] = [];
  readonly calls: { method: string; path: string; status: number }[] = [];
  readonly users: JiraUser[] = [
    { accountId: 'acc-bot', displayName: 'Triage Bot', emailAddress: 'bot@acme.example' },
    { accountId: 'acc-jo', displayName: 'Jo Engineer', emailAddress: 'jo@acme.example' },
  ];
  email = 'bot@acme.example';
  token = 'jira-token-good';
  target?: { url: string; secret: string };
  private next = 10_000;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<JiraSimulator> {
    const holder: { sim?: JiraSimulator } = {};
    const server = createServer((req, res) => void holder.sim?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.sim = new JiraSimulator(server, `http://127.0.0.1:${port}`);
    return holder.sim;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  issue(key: string): JiraIssue | undefined {
    return this.issues.find((issue) => issue.key === key);
  }

  /** A Jira user comments on the issue, then the webhook sends `comment_created`. */
  async comment(key: string, text: string, author = this.users[1] as JiraUser): Promise<number> {
    const issue = this.issue(key);
    if (!issue) throw new Error(`no issue ${key}`);
    const id = String(this.next++);
    const body = adfOf(text);
    issue.comments.push({ id, body, authorId: author.accountId, internal: false });
    return this.send({
      timestamp: Date.now(),
      webhookEvent: 'comment_created',
      comment: {
        id,
        body,
        author: { accountId: author.accountId, displayName: author.displayName },
      },
      issue: { id: issue.id, key: issue.key, fields: this.fields(issue) },
    });
  }

  /** A Jira user moves the issue, then the webhook sends `jira:issue_updated` with the change. */
  async status(key: string, status: string): Promise<number> {
    const issue = this.issue(key);
    if (!issue) throw new Error(`no issue ${key}`);
    const from = issue.status;
    issue.status = status;
    return this.send({
      timestamp: Date.now(),
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: { accountId: 'acc-jo' },
      issue: { id: issue.id, key: issue.key, fields: this.fields(issue) },
      changelog: {
        id: String(this.next++),
        items: [{ field: 'status', fromString: from, toString: status }],
      },
    });
  }

  /** Posts a body signed as the admin webhook signs it (a forged call passes another secret). */
  async send(body: unknown, secret?: string): Promise<number> {
    if (!this.target) throw new Error('no webhook target');
    const text = JSON.stringify(body);
    const signature = `sha256=${createHmac('sha256', secret ?? this.target.secret)
      .update(text)
      .digest('hex')}`;
    const res = await fetch(this.target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature': signature },
      body: text,
    });
    return res.status;
  }

  private fields(issue: JiraIssue) {
    return {
      summary: issue.summary,
      status: { name: issue.status, statusCategory: { key: WORKFLOW[issue.status] } },
    };
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
    const login = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64');
    if (login.toString('utf8') !== `${this.email}:${this.token}`) {
      return answer(401, {
        errorMessages: ['Client must be authenticated to access this resource.'],
      });
    }
    const fault = this.faults.find((f) => f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.applied) this.route(method, url, text);
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      return answer(fault.status, { errorMessages: [`simulated ${fault.status}`] }, headers);
    }
    const [status, body] = this.route(method, url, text);
    answer(status, body);
  }

  private route(method: string, url: URL, text: string): [number, unknown?] {
    const body = text ? (JSON.parse(text) as Record<string, any>) : {}; // eslint-disable-line @typescript-eslint/no-explicit-any -- request bodies
    const path = url.pathname;
    if (method === 'GET' && path === '/rest/api/3/myself') {
      const me = this.users[0] as JiraUser;
      return [200, { ...me, active: true }];
    }
    if (method === 'GET' && path === '/rest/api/3/user/search') {
      const query = url.searchParams.get('query');
      return [200, this.users.filter((u) => u.emailAddress === query)];
    }
    if (method === 'POST' && path === '/rest/api/3/issue') {
      const fields = body.fields ?? {};
      if (!fields.summary || fields.project?.key !== 'SUP') {
        return [400, { errorMessages: [], errors: { project: 'valid project is required' } }];
      }
      type LinkAdd = { add?: { type?: { name?: string }; outwardIssue?: { key?: string } } };
      const links = ((body.update?.issuelinks ?? []) as LinkAdd[]).map(({ add }) => ({
        type: String(add?.type?.name),
        outwardIssue: String(add?.outwardIssue?.key),
      }));
      if (links.some((link) => !this.issues.some((i) => i.key === link.outwardIssue))) {
        return [400, { errorMessages: [], errors: { issuelinks: 'Issue does not exist' } }];
      }
      const id = String(this.next++);
      const issue: JiraIssue = {
        links,
        id,
        key: `SUP-${this.issues.length + 1}`,
        summary: fields.summary,
        status: 'To Do',
        issuetype: fields.issuetype?.name,
        priority: fields.priority?.name ?? null,
        labels: fields.labels ?? [],
        description: fields.description,
        comments: [],
      };
      this.issues.push(issue);
      return [201, { id, key: issue.key, self: `${this.url}/rest/api/3/issue/${id}` }];
    }
    if (method === 'GET' && path === '/rest/api/3/search/jql') {
      const label = /labels = "([^"]+)"/.exec(url.searchParams.get('jql') ?? '')?.[1];
      const found = this.issues.filter((issue) => label && issue.labels.includes(label));
      return [
        200,
        { issues: found.map((i) => ({ id: i.id, key: i.key, fields: this.fields(i) })) },
      ];
    }
    const match = /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)(\/comment|\/transitions)?$/.exec(path);
    const issue = match ? this.issue(match[1] as string) : undefined;
    if (!issue)
      return [
        404,
        { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
      ];
    const part = match?.[2];
    if (method === 'GET' && !part)
      return [200, { id: issue.id, key: issue.key, fields: this.fields(issue) }];
    if (method === 'GET' && part === '/comment') {
      const comments = issue.comments.map((c) => ({
        id: c.id,
        body: c.body,
        author: { accountId: c.authorId },
        jsdPublic: !c.internal,
      }));
      if (url.searchParams.get('orderBy') === '-created') comments.reverse();
      const total = comments.length;
      return [200, { startAt: 0, maxResults: 100, total, comments: comments.slice(0, 100) }];
    }
    if (method === 'POST' && part === '/comment') {
      const internal =
        body.properties?.find((p: { key: string }) => p.key === 'sd.public.comment')?.value
          ?.internal ?? false;
      const comment = { id: String(this.next++), body: body.body, authorId: 'acc-bot', internal };
      issue.comments.push(comment);
      return [201, { id: comment.id, body: comment.body }];
    }
    if (method === 'GET' && part === '/transitions') {
      const transitions = Object.entries(WORKFLOW)
        .map(([name, category], index) => ({
          id: String(11 * (index + 1)),
          name,
          to: { name, statusCategory: { key: category } },
        }))
        .filter((transition) => transition.name !== issue.status);
      return [200, { transitions }];
    }
    if (method === 'POST' && part === '/transitions') {
      const name = Object.keys(WORKFLOW).find(
        (_, index) => String(11 * (index + 1)) === body.transition?.id,
      );
      if (!name || name === issue.status)
        return [400, { errorMessages: ['Transition is not valid.'] }];
      issue.status = name;
      return [204];
    }
    return [404, { errorMessages: ['Not found'] }];
  }
}
