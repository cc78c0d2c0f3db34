import { LinearClient, LinearError, LinearErrorType, RatelimitedLinearError } from '@linear/sdk';
import { z } from 'zod';
import {
  VendorError,
  type Connector,
  type TicketDraft,
  type TicketRef,
} from '../../connectors/connector.js';
import type { CommentOnce, TicketComment } from '../../connectors/comments.js';
import { LINEAR_STATE_TYPE_OF } from '../../connectors/linear-webhook.js';
import { uuidFrom } from '../../connectors/uuid.js';
import { withUrgencyLine } from '../../connectors/urgency.js';
import { withVendorRetries } from './http.js';

/** Linear's priorities: 1 urgent, 2 high, 3 medium, 4 low (0: none). */
const PRIORITY: Readonly<Record<string, number>> = { urgent: 1, high: 2, normal: 3, low: 4 };

const IssueFields = 'id identifier url state { name type }';
const Issue = z.object({
  id: z.string(),
  identifier: z.string(),
  url: z.string(),
  state: z.object({ name: z.string(), type: z.string() }),
});
const Nodes = <T extends z.ZodType>(node: T) => z.object({ nodes: z.array(node) });

/**
 * Linear's GraphQL API through the official SDK's client (`@linear/sdk`: the API key header,
 * its error types), with documents of our own that ask only for the fields read (the SDK's
 * models fetch whole fragments and load relations lazily, a call each). Issues go to the team of
 * `team_key`; the intent's id is the issue's own `id` (Linear takes a client-made UUID), so a
 * create retried after an ambiguous failure finds the issue rather than making a second.
 */
export class LinearConnector implements Connector {
  private readonly client: LinearClient;
  private team?: Promise<string>;

  constructor(
    baseUrl: string,
    apiKey: string,
    private readonly teamKey: string,
  ) {
    this.client = new LinearClient({ apiKey, apiUrl: `${baseUrl}/graphql` });
  }

  async me(): Promise<{ id: string; name: string }> {
    const data = await this.call('query Me { viewer { id name } }', {}, true);
    const { viewer } = z
      .object({ viewer: z.object({ id: z.string(), name: z.string() }) })
      .parse(data);
    return viewer;
  }

  async createTicket(draft: TicketDraft): Promise<TicketRef> {
    const input = {
      id: draft.externalId,
      teamId: await this.teamId(),
      title: draft.subject,
      description: withUrgencyLine(draft.body, draft.urgency),
      ...(draft.priority ? { priority: PRIORITY[draft.priority] } : {}),
    };
    const data = await this.call(
      `mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { ${IssueFields} } } }`,
      { input },
    );
    const { issue } = z.object({ issueCreate: z.object({ issue: Issue }) }).parse(data).issueCreate;
    return ref(issue);
  }

  /** The issue an earlier create made: its id is the intent's; not found is none made. */
  async findByExternalId(externalId: string): Promise<TicketRef | null> {
    try {
      return ref(await this.issue(externalId));
    } catch (error) {
      if (error instanceof VendorError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  /**
   * Relates a follow-up to the issue it follows up (`related`; `IssueCreateInput` takes no
   * relation). Once: the relation's id is derived from the intent's, so a repeat after an
   * attempt that may have made it is refused as existing, which is the relation made.
   */
  async relateFollowUp(ticketId: string, draft: TicketDraft): Promise<void> {
    if (!draft.followUpOf) return;
    const input = {
      id: uuidFrom(`issue-relation:${draft.externalId}`),
      issueId: ticketId,
      relatedIssueId: draft.followUpOf.id,
      type: 'related',
    };
    await this.createOnce(
      'mutation IssueRelationCreate($input: IssueRelationCreateInput!) { issueRelationCreate(input: $input) { success } }',
      input,
    );
  }

  /** A create whose input carries its own `id`: a repeat refused as existing was made before. */
  private async createOnce(mutation: string, input: Record<string, unknown>): Promise<void> {
    try {
      await this.call(mutation, { input });
    } catch (error) {
      if (error instanceof VendorError && /already exists/i.test(error.message)) return;
      throw error;
    }
  }

  /** A comment (Linear has no internal notes: every comment is visible to the workspace). */
  /** A comment; with `once`, its id is made from the task's key, so Linear makes it once. */
  async addComment(ticketId: string, comment: TicketComment, once?: CommentOnce): Promise<void> {
    const { id } = await this.issue(ticketId);
    await this.createOnce(
      'mutation CommentCreate($input: CommentCreateInput!) { commentCreate(input: $input) { success } }',
      {
        ...(once ? { id: uuidFrom(`comment:${once.key}`) } : {}),
        issueId: id,
        body: comment.body,
      },
    );
  }

  /**
   * Moves the issue to the team's workflow state named `status`, else to the first state of the
   * type the word means (`solved` → completed, `open` → started).
   */
  async updateStatus(ticketId: string, status: string): Promise<void> {
    const data = await this.call(
      'query States($teamId: ID!) { workflowStates(filter: { team: { id: { eq: $teamId } } }) { nodes { id name type position } } }',
      { teamId: await this.teamId() },
      true,
    );
    const states = z
      .object({
        workflowStates: Nodes(
          z.object({ id: z.string(), name: z.string(), type: z.string(), position: z.number() }),
        ),
      })
      .parse(data)
      .workflowStates.nodes.sort((a, b) => a.position - b.position);
    const wanted = status.toLowerCase();
    const pick =
      states.find((s) => s.name.toLowerCase() === wanted) ??
      states.find((s) => s.type === LINEAR_STATE_TYPE_OF[wanted]);
    if (!pick) throw new VendorError('refused', `no workflow state of ${ticketId} is ${status}`);
    await this.call(
      'mutation IssueUpdate($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, input: $input) { success } }',
      { id: ticketId, input: { stateId: pick.id } },
    );
  }

  async readStatus(ticketId: string): Promise<string> {
    return (await this.issue(ticketId)).state.name;
  }

  /** A Linear user by e-mail; null when none (Linear makes no user for a customer). */
  async mapUser(person: { name: string; email: string }): Promise<string | null> {
    const data = await this.call(
      'query Users($email: String!) { users(filter: { email: { eq: $email } }) { nodes { id } } }',
      { email: person.email },
      true,
    );
    const [user] = z.object({ users: Nodes(z.object({ id: z.string() })) }).parse(data).users.nodes;
    return user?.id ?? null;
  }

  private async issue(id: string): Promise<z.infer<typeof Issue>> {
    const data = await this.call(
      `query Issue($id: String!) { issue(id: $id) { ${IssueFields} } }`,
      { id },
      true,
    );
    return z.object({ issue: Issue }).parse(data).issue;
  }

  /** The id of the team of `team_key`, asked for once per client. */
  private teamId(): Promise<string> {
    this.team ??= this.call(
      'query Teams($key: String!) { teams(filter: { key: { eq: $key } }) { nodes { id key } } }',
      { key: this.teamKey },
      true,
    ).then((data) => {
      const [team] = z.object({ teams: Nodes(z.object({ id: z.string() })) }).parse(data)
        .teams.nodes;
      if (!team) throw new VendorError('not_found', `Linear has no team ${this.teamKey}`);
      return team.id;
    });
    return this.team.catch((error: unknown) => {
      this.team = undefined;
      throw error;
    });
  }

  private call(query: string, variables: Record<string, unknown>, read = false): Promise<unknown> {
    return withVendorRetries(read, async () => {
      try {
        return (await this.client.client.rawRequest(query, variables)).data;
      } catch (error) {
        throw vendorError(error, !read);
      }
    });
  }
}

const ref = (issue: z.infer<typeof Issue>): TicketRef => ({
  id: issue.identifier,
  url: issue.url,
  status: issue.state.name,
});

/** The SDK's error as the connectors' kind; `write`: a failure without an answer may have acted. */
export function vendorError(error: unknown, write: boolean): VendorError {
  if (!(error instanceof LinearError)) {
    const why = error instanceof Error ? error.message : String(error);
    return new VendorError('unavailable', `no answer: ${why}`, null, null, write);
  }
  const status = error.status ?? null;
  const message = error.message.slice(0, 300);
  switch (error.type) {
    case LinearErrorType.AuthenticationError:
    case LinearErrorType.Forbidden:
      return new VendorError('unauthorized', message, status);
    case LinearErrorType.Ratelimited:
      return new VendorError('rate_limited', message, status, waitMs(error));
    case LinearErrorType.InternalError:
    case LinearErrorType.NetworkError:
    case LinearErrorType.LockTimeout:
      return new VendorError('unavailable', message, status, null, write);
    default:
      if (/not found|could not find/i.test(message))
        return new VendorError('not_found', message, status);
      if (status !== null && status >= 500) {
        return new VendorError('unavailable', message, status, null, write);
      }
      return new VendorError('refused', message, status);
  }
}

/** How long a rate limit asks to wait: `Retry-After`, else until the requests' budget resets. */
function waitMs(error: LinearError): number | null {
  if (!(error instanceof RatelimitedLinearError)) return null;
  if (error.retryAfter !== undefined) return Math.max(0, error.retryAfter * 1000);
  const reset = error.requestsResetAt;
  return reset === undefined ? null : Math.max(0, reset - Date.now());
}
