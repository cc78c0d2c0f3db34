import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault } from '../zendesk/simulator.js';

export interface LinearUser {
  id: string;
  name: string;
  email: string;
}

export interface LinearIssue {
  id: string;
  identifier: string;
  number: number;
  title: string;
  description: string;
  priority: number;
  stateId: string;
  comments: { id: string; body: string; userId: string }[];
}

/** An issue relation (`issueRelationCreate`): `issueId` is `type` to `relatedIssueId` (both ids). */
export interface LinearRelation {
  id: string;
  issueId: string;
  relatedIssueId: string;
  type: string;
}

/** Linear's `IssueRelationType`. */
const RELATION_TYPES = ['blocks', 'duplicate', 'related', 'similar'];

const TEAM = { id: 'team-eng-0001', key: 'ENG', name: 'Engineering' };

/** The team's workflow, in Linear's state types. */
const STATES = [
  { id: 'st-backlog', name: 'Backlog', type: 'backlog', position: 0 },
  { id: 'st-todo', name: 'Todo', type: 'unstarted', position: 1 },
  { id: 'st-progress', name: 'In Progress', type: 'started', position: 2 },
  { id: 'st-done', name: 'Done', type: 'completed', position: 3 },
  { id: 'st-canceled', name: 'Canceled', type: 'canceled', position: 4 },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Answer = [number, unknown, Record<string, string>?];

/** A GraphQL error as Linear's API returns it: `extensions.type` names its kind. */
const gqlError = (status: number, type: string, code: string, message: string): Answer => [
  status,
  {
    errors: [
      { message, extensions: { type, code, userError: true, userPresentableMessage: message } },
    ],
  },
];

/**
 * Linear's GraphQL API (`POST /graphql`) as its public reference describes it, for the fields
 * the bot asks for: the API key in `Authorization` (else 400 `authentication error`), `viewer`,
 * `teams` by key, `workflowStates` by team, `users` by e-mail, `issue`, `issueCreate` (a
 * client-supplied UUID `id` kept; a taken one refused), `issueUpdate` with `stateId`,
 * `commentCreate`, `issueRelationCreate` (issues by UUID or identifier; a taken `id`, an unknown
 * type or an issue related to itself refused; an unknown issue not found); faults by root field (`path` matches it): 429 `ratelimited` with
 * `Retry-After` and the rate-limit headers, 5xx. `comment` and `moveTo` play a Linear user and
 * send the webhook's events, signed `Linear-Signature` with `webhookTimestamp` in the body.
 */
export class LinearSimulator {
  readonly issues: LinearIssue[] = [];
  readonly relations: LinearRelation[] = [];
  readonly faults: Fault[] = [];
  readonly calls: { field: string; status: number }[] = [];
  readonly users: LinearUser[] = [
    { id: 'usr-bot', name: 'Triage Bot', email: 'bot@acme.example' },
    { id: 'usr-jo', name: 'Jo Engineer', email: 'jo@acme.example' },
  ];
  apiKey = 'lin_api_good';
  target?: { url: string; secret: string };

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<LinearSimulator> {
    const holder: { sim?: LinearSimulator } = {};
    const server = createServer((req, res) => void holder.sim?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.sim = new LinearSimulator(server, `http://127.0.0.1:${port}`);
    return holder.sim;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  issue(identifier: string): LinearIssue | undefined {
    return this.issues.find((issue) => issue.identifier === identifier || issue.id === identifier);
  }

  stateOf(issue: LinearIssue | undefined): string | undefined {
    return STATES.find((state) => state.id === issue?.stateId)?.name;
  }

  /** A Linear user comments on the issue, then the webhook sends the `Comment` `create`. */
  async comment(identifier: string, body: string, author = this.users[1] as LinearUser) {
    const issue = this.mustFind(identifier);
    const comment = { id: randomUUID(), body, userId: author.id };
    issue.comments.push(comment);
    return this.send({
      action: 'create',
      type: 'Comment',
      createdAt: new Date().toISOString(),
      actor: { id: author.id, name: author.name, type: 'user' },
      data: {
        ...comment,
        issueId: issue.id,
        user: { id: author.id, name: author.name },
        issue: { id: issue.id, identifier: issue.identifier, title: issue.title },
      },
      url: `${this.issueUrl(issue)}#comment-${comment.id.slice(0, 8)}`,
    });
  }

  /** A Linear user moves the issue to the state named `name`; the webhook sends `Issue` `update`. */
  async moveTo(identifier: string, name: string) {
    const issue = this.mustFind(identifier);
    const state = STATES.find((s) => s.name === name);
    if (!state) throw new Error(`no state ${name}`);
    const from = issue.stateId;
    issue.stateId = state.id;
    return this.send({
      action: 'update',
      type: 'Issue',
      createdAt: new Date().toISOString(),
      data: { ...this.node(issue), stateId: state.id, team: TEAM, number: issue.number },
      updatedFrom: { stateId: from, updatedAt: new Date().toISOString() },
      url: this.issueUrl(issue),
    });
  }

  /** Posts an event signed as Linear signs it (another `secret` forges it; its own `webhookTimestamp` replays it). */
  async send(event: Record<string, unknown>, secret?: string): Promise<number> {
    if (!this.target) throw new Error('no webhook target');
    const text = JSON.stringify({
      organizationId: 'org-acme',
      webhookId: 'wh-1',
      webhookTimestamp: Date.now(),
      ...event,
    });
    const signature = createHmac('sha256', secret ?? this.target.secret)
      .update(text)
      .digest('hex');
    const res = await fetch(this.target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'linear-signature': signature,
        'linear-delivery': randomUUID(),
        'linear-event': String(event.type),
      },
      body: text,
    });
    return res.status;
  }

  private mustFind(identifier: string): LinearIssue {
    const issue = this.issue(identifier);
    if (!issue) throw new Error(`no issue ${identifier}`);
    return issue;
  }

  private issueUrl(issue: LinearIssue): string {
    return `https://linear.app/acme/issue/${issue.identifier}`;
  }

  private node(issue: LinearIssue) {
    const state = STATES.find((s) => s.id === issue.stateId);
    return {
      id: issue.id,
      identifier: issue.identifier,
      title: issue.title,
      url: this.issueUrl(issue),
      state: { id: state?.id, name: state?.name, type: state?.type },
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL variables
  private relate(input: Record<string, any>): Answer {
    const invalid = (message: string) => gqlError(400, 'invalid input', 'INVALID_INPUT', message);
    const issue = this.issue(String(input.issueId));
    const related = this.issue(String(input.relatedIssueId));
    if (!issue || !related) return invalid('Entity not found: Issue');
    if (!RELATION_TYPES.includes(String(input.type))) {
      return gqlError(400, 'graphql error', 'GRAPHQL_VALIDATION_FAILED', 'Invalid value for type');
    }
    if (input.id !== undefined && !UUID.test(String(input.id))) return invalid('id must be a UUID');
    if (input.id && this.relations.some((r) => r.id === input.id)) {
      return invalid('Entity already exists');
    }
    if (issue.id === related.id) return invalid('Cannot relate an issue to itself');
    const relation = {
      id: String(input.id ?? randomUUID()),
      issueId: issue.id,
      relatedIssueId: related.id,
      type: String(input.type),
    };
    this.relations.push(relation);
    return [
      200,
      { data: { issueRelationCreate: { success: true, issueRelation: { id: relation.id } } } },
    ];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      query?: string;
      variables?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL variables
    };
    const query = request.query ?? '';
    const field = /^\s*(\w+)/.exec(query.slice(query.indexOf('{') + 1))?.[1] ?? '';
    const answer = ([status, body, headers = {}]: Answer) => {
      this.calls.push({ field, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/graphql') {
      return answer([404, { error: 'Not found' }]);
    }
    if (req.headers.authorization !== this.apiKey) {
      return answer(
        gqlError(
          400,
          'authentication error',
          'AUTHENTICATION_ERROR',
          'Authentication required, not authenticated',
        ),
      );
    }
    const fault = this.faults.find((f) => f.path.test(field));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.applied) this.route(field, request.variables ?? {});
      return answer(this.faultAnswer(fault));
    }
    answer(this.route(field, request.variables ?? {}));
  }

  private faultAnswer(fault: Fault): Answer {
    if (fault.status !== 429) return [fault.status, { error: `simulated ${fault.status}` }];
    const [, body] = gqlError(429, 'ratelimited', 'RATELIMITED', 'Rate limit exceeded');
    return [
      429,
      body,
      {
        ...(fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) }),
        'x-ratelimit-requests-limit': '5000',
        'x-ratelimit-requests-remaining': '0',
        'x-ratelimit-requests-reset': String(Date.now() + (fault.retryAfter ?? 60) * 1000),
      },
    ];
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL variables
  private route(field: string, vars: Record<string, any>): Answer {
    const ok = (data: unknown): Answer => [200, { data }];
    const notFound = (what: string) =>
      gqlError(400, 'invalid input', 'INVALID_INPUT', `Entity not found: ${what}`);
    switch (field) {
      case 'viewer': {
        const me = this.users[0] as LinearUser;
        return ok({ viewer: { id: me.id, name: me.name } });
      }
      case 'teams':
        return ok({ teams: { nodes: vars.key === TEAM.key ? [TEAM] : [] } });
      case 'workflowStates':
        return ok({ workflowStates: { nodes: vars.teamId === TEAM.id ? STATES : [] } });
      case 'users':
        return ok({ users: { nodes: this.users.filter((u) => u.email === vars.email) } });
      case 'issue': {
        const issue = this.issue(String(vars.id));
        return issue ? ok({ issue: this.node(issue) }) : notFound('Issue');
      }
      case 'issueCreate': {
        const input = vars.input ?? {};
        if (input.teamId !== TEAM.id) return notFound('Team');
        if (!input.title) {
          return gqlError(400, 'invalid input', 'INVALID_INPUT', 'Argument Validation Error');
        }
        if (input.id !== undefined && !UUID.test(String(input.id))) {
          return gqlError(400, 'invalid input', 'INVALID_INPUT', 'id must be a UUID');
        }
        if (input.id && this.issue(String(input.id))) {
          return gqlError(400, 'invalid input', 'INVALID_INPUT', 'Entity already exists');
        }
        const number = this.issues.length + 1;
        const issue: LinearIssue = {
          id: input.id ?? randomUUID(),
          identifier: `${TEAM.key}-${number}`,
          number,
          title: input.title,
          description: input.description ?? '',
          priority: input.priority ?? 0,
          stateId: 'st-todo',
          comments: [],
        };
        this.issues.push(issue);
        return ok({ issueCreate: { success: true, issue: this.node(issue) } });
      }
      case 'issueUpdate': {
        const issue = this.issue(String(vars.id));
        if (!issue) return notFound('Issue');
        const state = STATES.find((s) => s.id === vars.input?.stateId);
        if (!state) return notFound('WorkflowState');
        issue.stateId = state.id;
        return ok({ issueUpdate: { success: true } });
      }
      case 'commentCreate': {
        const issue = this.issue(String(vars.input?.issueId));
        if (!issue) return notFound('Issue');
        const id = vars.input.id === undefined ? randomUUID() : String(vars.input.id);
        if (!UUID.test(id))
          return gqlError(400, 'invalid input', 'INVALID_INPUT', 'id must be a UUID');
        if (this.issues.some((i) => i.comments.some((c) => c.id === id))) {
          return gqlError(400, 'invalid input', 'INVALID_INPUT', 'Entity already exists');
        }
        issue.comments.push({ id, body: vars.input.body, userId: 'usr-bot' });
        return ok({ commentCreate: { success: true } });
      }
      case 'issueRelationCreate':
        return this.relate(vars.input ?? {});
      default:
        return gqlError(
          400,
          'graphql error',
          'GRAPHQL_VALIDATION_FAILED',
          `Cannot query field "${field}"`,
        );
    }
  }
}
