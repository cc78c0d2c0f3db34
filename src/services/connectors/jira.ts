import { z } from 'zod';
import {
  VendorError,
  type ApiTokenCredentials,
  type Connector,
  type TicketDraft,
  type TicketRef,
} from '../../connectors/connector.js';
import {
  alreadyCommented,
  type CommentOnce,
  type TicketComment,
} from '../../connectors/comments.js';
import { adfText } from '../../connectors/jira-webhook.js';
import { withUrgencyTag } from '../../connectors/urgency.js';
import { VendorHttp, basicAuth } from './http.js';

/** The status category each of the status mapping's words asks for. */
const CATEGORY_OF: Readonly<Record<string, string>> = {
  new: 'new',
  open: 'indeterminate',
  pending: 'indeterminate',
  hold: 'indeterminate',
  solved: 'done',
  closed: 'done',
};

const Issue = z.object({ id: z.string(), key: z.string() });
const Status = z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }) });
const Comment = z.object({
  author: z.object({ accountId: z.string() }).nullish(),
  body: z.unknown(),
});
const Transition = z.object({ id: z.string(), name: z.string(), to: Status });

/** Plain text as Atlassian Document Format: one paragraph per non-empty line. */
export function adf(text: string) {
  const lines = text.split('\n').filter((line) => line.trim());
  return {
    type: 'doc',
    version: 1,
    content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

/**
 * Jira Cloud's REST API v3 over `fetch` (basic auth `{email}:{api_token}`): issues in the
 * connector's project, ADF descriptions and comments, status through transitions. Jira has no
 * `external_id`, so the intent's id is a label (`triage-<id>`), found again with JQL.
 */
export class JiraClient implements Connector {
  private readonly http: VendorHttp;

  constructor(
    private readonly baseUrl: string,
    credentials: Pick<ApiTokenCredentials, 'email' | 'api_token'>,
    private readonly project: { key: string; issueType: string },
  ) {
    this.http = new VendorHttp(baseUrl, basicAuth(`${credentials.email}:${credentials.api_token}`));
  }

  async me(): Promise<{ id: string; name: string }> {
    const body = await this.http.call('GET', '/rest/api/3/myself');
    const me = z.object({ accountId: z.string(), displayName: z.string() }).parse(body);
    return { id: me.accountId, name: me.displayName };
  }

  async createTicket(draft: TicketDraft): Promise<TicketRef> {
    const reporter = draft.requester ? await this.mapUser(draft.requester) : null;
    const fields = {
      project: { key: this.project.key },
      issuetype: { name: draft.type ? capitalised(draft.type) : this.project.issueType },
      summary: draft.subject,
      description: adf(draft.body),
      labels: [
        ...withUrgencyTag(draft.tags, draft.urgency).map((tag) => tag.replace(/\s+/g, '-')),
        label(draft.externalId),
      ],
      ...(draft.priority ? { priority: { name: jiraPriority(draft.priority) } } : {}),
      ...(reporter ? { reporter: { accountId: reporter } } : {}),
    };
    // A follow-up "relates to" the done issue (Jira's issue links, set in the same create).
    const link = draft.followUpOf && {
      issuelinks: [
        { add: { type: { name: 'Relates' }, outwardIssue: { key: draft.followUpOf.id } } },
      ],
    };
    const body = await this.http.call('POST', '/rest/api/3/issue', {
      fields,
      ...(link ? { update: link } : {}),
    });
    return this.ref(Issue.parse(body).key, '');
  }

  async findByExternalId(externalId: string): Promise<TicketRef | null> {
    const query = new URLSearchParams({
      jql: `labels = "${label(externalId)}"`,
      fields: 'status',
    });
    const body = await this.http.call('GET', `/rest/api/3/search/jql?${query}`);
    const issues = z
      .object({ issues: z.array(Issue.extend({ fields: z.object({ status: Status }) })) })
      .parse(body).issues;
    const [found] = issues;
    return found ? this.ref(found.key, found.fields.status.name) : null;
  }

  /** A comment (ADF); retried, only when the bot's newest comment is not it. */
  async addComment(ticketId: string, comment: TicketComment, once?: CommentOnce): Promise<void> {
    const path = `/rest/api/3/issue/${encodeURIComponent(ticketId)}/comment`;
    if (once?.retried) {
      const [me, body] = await Promise.all([
        this.me(),
        this.http.call('GET', `${path}?orderBy=created&maxResults=100`),
      ]);
      const { comments } = z.object({ comments: z.array(Comment) }).parse(body);
      const ours = comments.filter((c) => c.author?.accountId === me.id);
      if (
        alreadyCommented(
          comment,
          ours.map((c) => adfText(c.body)),
        )
      )
        return;
    }
    await this.http.call('POST', path, {
      body: adf(comment.body),
      // Jira Service Management's internal note; plain Jira keeps it as a property.
      properties: [{ key: 'sd.public.comment', value: { internal: !comment.public } }],
    });
  }

  /**
   * Moves the issue through the transition to `status`: one whose target has that name, else
   * one into the status category the word means (`solved` → done, `open` → in progress).
   */
  async updateStatus(ticketId: string, status: string): Promise<void> {
    const path = `/rest/api/3/issue/${encodeURIComponent(ticketId)}/transitions`;
    const body = await this.http.call('GET', path);
    const transitions = z.object({ transitions: z.array(Transition) }).parse(body).transitions;
    const wanted = status.toLowerCase();
    const pick =
      transitions.find((t) => t.to.name.toLowerCase() === wanted) ??
      transitions.find((t) => t.to.statusCategory.key === CATEGORY_OF[wanted]);
    if (!pick) throw new VendorError('refused', `no transition of ${ticketId} leads to ${status}`);
    await this.http.call('POST', path, { transition: { id: pick.id } });
  }

  async readStatus(ticketId: string): Promise<string> {
    const body = await this.http.call(
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(ticketId)}?fields=status`,
    );
    return z.object({ fields: z.object({ status: Status }) }).parse(body).fields.status.name;
  }

  /** A Jira user by e-mail; null when none (Jira creates no user for a customer). */
  async mapUser(person: { name: string; email: string }): Promise<string | null> {
    const query = new URLSearchParams({ query: person.email });
    const body = await this.http.call('GET', `/rest/api/3/user/search?${query}`);
    const [user] = z.array(z.object({ accountId: z.string() })).parse(body);
    return user?.accountId ?? null;
  }

  private ref(key: string, status: string): TicketRef {
    return { id: key, url: `${this.baseUrl}/browse/${key}`, status };
  }
}

const label = (externalId: string) => `triage-${externalId}`;
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const jiraPriority = (priority: string) =>
  ({ low: 'Low', normal: 'Medium', high: 'High', urgent: 'Highest' })[priority] ?? 'Medium';
