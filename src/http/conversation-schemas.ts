import { z } from 'zod';
import { ConversationStatus, Priority } from '../desk/conversation.js';
import { RequestSource, RequestStatus } from '../requests/request.js';

/**
 * The desk API's conversations (seed 003's shapes; a conversation is a request, its `id` the
 * request's). Query strings arrive as text: each parameter is coerced here, once.
 */

/** `labels=a,b`, `labels=a&labels=b` or `labels[]=a`: a list either way. */
const Labels = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(150)).max(50));

/** A moment as unix seconds (`1764460800`) or an ISO 8601 date or date-time. */
export const Moment = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const date = /^\d{1,12}$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
    if (Number.isNaN(date.getTime()) || !/^\d{1,12}$|^\d{4}-\d{2}-\d{2}/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'expected unix seconds or an ISO 8601 date' });
      return z.NEVER;
    }
    return date;
  });

export const ConversationListQuery = z
  .strictObject({
    status: z
      .enum([...ConversationStatus.options, 'all'])
      .default('open')
      .describe(
        'open (open, in progress), pending (on hold), resolved (closed, discarded), snoozed (none), all',
      ),
    assignee_type: z
      .enum(['me', 'unassigned', 'assigned', 'all'])
      .default('all')
      .describe("me: assigned to the token's creator"),
    labels: Labels.optional().describe('Requests with any of these tags (values)'),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("Words in the request's text or its stored messages"),
    channel_id: z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id')
      .optional(),
    account_id: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'expected a customer account id')
      .optional(),
    severity: z.string().min(1).max(150).optional().describe('A severity value'),
    team_id: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'expected a team id')
      .optional()
      .describe("Requests assigned to a member of this team (a desk team's id)"),
    since: Moment.optional().describe('Created at or after (unix seconds or ISO 8601)'),
    until: Moment.optional().describe('Created before (unix seconds or ISO 8601)'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .meta({ id: 'ConversationListQuery' });
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

const Unix = z.number().int().describe('Unix seconds');

export const ConversationMessage = z
  .object({
    id: z.string().describe("The message's id; the opening message's is the conversation's"),
    content: z
      .string()
      .nullable()
      .describe("null where the channel's privacy hides it, once deleted or past retention"),
    message_type: z.enum(['incoming', 'outgoing']),
    created_at: Unix,
    private: z.boolean(),
    sender: z.object({
      id: z.string().describe("Slack user id; an automation rule's message: `rule:<id>:<name>`"),
    }),
    conversation_id: z.string(),
    content_attributes: z.object({
      edited: z.boolean().describe('Edited in Slack'),
      deleted: z.boolean().describe('Deleted in Slack (content null)'),
      expired: z.boolean().describe('Past MESSAGE_RETENTION_DAYS (content null)'),
    }),
  })
  .meta({ id: 'ConversationMessage' });
export type ConversationMessage = z.infer<typeof ConversationMessage>;

export const MessageListQuery = z
  .strictObject({
    before: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'expected a message id')
      .optional()
      .describe('Only messages older than this one (the next page back)'),
  })
  .meta({ id: 'MessageListQuery' });

export const MessageList = z
  .object({
    meta: z.object({
      incoming_count: z.number().int().describe("The customer's messages, the opening one too"),
      outgoing_count: z.number().int().describe("The support side's, private notes too"),
    }),
    payload: z
      .array(ConversationMessage)
      .describe('Oldest first: the newest 100 (or before `before`)'),
  })
  .meta({ id: 'ConversationMessageList' });
export type MessageList = z.infer<typeof MessageList>;

export const MessageWrite = z
  .strictObject({
    content: z.string().trim().min(1).max(4000),
    private: z
      .boolean()
      .default(false)
      .describe("true: a note in the triage card's thread, never shown to the customer"),
  })
  .meta({ id: 'ConversationMessageWrite' });

export const Conversation = z
  .object({
    id: z.string(),
    account_id: z.string().nullable().describe("The customer account of the request's channel"),
    channel_id: z.string(),
    status: ConversationStatus,
    request_status: RequestStatus.describe("The bot's own status"),
    source: RequestSource.describe('Where the customer wrote from: Slack, e-mail or the web form'),
    priority: Priority.exclude(['none']).nullable(),
    labels: z.array(z.string()).describe('The request’s tags'),
    severity: z.string().nullable(),
    sub_type: z
      .string()
      .nullable()
      .describe(
        'One of the channel’s `requests.ai.requestSubTypes` (set by an AI suggestion’s Apply)',
      ),
    escalated: z.boolean(),
    custom_attributes: z.record(z.string(), z.union([z.string(), z.number()])),
    crm_case: z
      .object({
        id: z.string(),
        url: z.string(),
        status: z.string().nullable(),
        account_id: z.string().nullable(),
        account_name: z.string().nullable(),
        fields: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
          .describe('crm.additional_fields as last read from the Case'),
      })
      .nullable()
      .describe('The Salesforce Case written for the request, once made'),
    created_at: Unix,
    timestamp: Unix.describe('Last activity'),
    first_reply_created_at: Unix.nullable(),
    link: z.string().describe("The customer's message in Slack"),
    meta: z.object({
      sender: z.object({ id: z.string() }),
      assignee: z.object({ id: z.string() }).nullable(),
      channel: z.string(),
    }),
    messages: z.array(ConversationMessage),
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof Conversation>;

export const ConversationCounts = z.object({
  mine_count: z.number().int(),
  unassigned_count: z.number().int(),
  assigned_count: z.number().int(),
  all_count: z.number().int(),
});

export const ConversationList = z
  .object({ data: z.object({ meta: ConversationCounts, payload: z.array(Conversation) }) })
  .meta({ id: 'ConversationList' });
export type ConversationList = z.infer<typeof ConversationList>;

export const ToggleStatusWrite = z
  .strictObject({ status: ConversationStatus.exclude(['snoozed']) })
  .meta({ id: 'ConversationToggleStatus' });
export const ToggleStatusResponse = z
  .object({
    meta: z.object({}),
    payload: z.object({
      success: z.literal(true),
      current_status: ConversationStatus,
      conversation_id: z.string(),
    }),
  })
  .meta({ id: 'ConversationToggleStatusResult' });
export type ToggleStatusResponse = z.infer<typeof ToggleStatusResponse>;

export const TogglePriorityWrite = z
  .strictObject({ priority: Priority })
  .meta({ id: 'ConversationTogglePriority' });

export const AssignmentWrite = z
  .strictObject({
    assignee_id: z
      .string()
      .regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id')
      .optional()
      .describe('A member of the support side (not a guest or a customer)'),
    team_id: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'expected a team id')
      .optional()
      .describe("Or a team: its next online member by the channel's routing (else round robin)"),
  })
  .refine((body) => (body.assignee_id === undefined) !== (body.team_id === undefined), {
    message: 'give either assignee_id or team_id',
  })
  .meta({ id: 'ConversationAssignment' });
export const AssigneeResponse = z
  .object({ id: z.string(), name: z.string().nullable() })
  .meta({ id: 'ConversationAssignee' });
export type AssigneeResponse = z.infer<typeof AssigneeResponse>;

export const LabelsWrite = z
  .strictObject({
    labels: z.array(z.string().min(1).max(150)).max(50).describe('The new list (replaces the old)'),
  })
  .meta({ id: 'ConversationLabelsWrite' });
export const LabelsResponse = z
  .object({ payload: z.array(z.string()) })
  .meta({ id: 'ConversationLabels' });
export type LabelsResponse = z.infer<typeof LabelsResponse>;
