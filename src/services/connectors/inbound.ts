import {
  claimOnce,
  releaseClaim,
  type ConnectorDoc,
  type RequestDoc,
} from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import { ConnectorTasks } from '../../db/repositories/connector-tasks.js';
import type { BotDeps } from '../../deps.js';
import { webhookSecretOf, type InboundEvent } from '../../connectors/connector.js';
import {
  connectorActor,
  isClosedTicketStatus,
  requestMoveForTicket,
} from '../../connectors/status.js';
import { askTicketFeedback } from '../feedback/prompt.js';
import { parseJiraEvent, refuseJiraCall } from '../../connectors/jira-webhook.js';
import { parseLinearEvent } from '../../connectors/linear-webhook.js';
import { LinearWebhookClient } from '@linear/sdk/webhooks';
import { parseZendeskEvent, refuseZendeskCall } from '../../connectors/zendesk-webhook.js';
import { refuseHubspotCall } from '../../connectors/hubspot-webhook.js';
import { AppError } from '../../errors.js';
import { escapeMrkdwn } from '../../text/mrkdwn.js';
import { applyRequestCommand } from '../requests/actions.js';
import { channelContext } from '../requests/context.js';
import { VENDOR_NAME, credentialsOf } from './manage.js';

/** What a helpdesk's call carried: its signature headers and the body exactly as sent. */
export interface InboundCall {
  signature?: string | undefined;
  timestamp?: string | undefined;
  body: string;
  /** HubSpot signs these too: the method and the full URI the call was sent to. */
  method?: string;
  uri?: string;
}

/** Why a call is not the connector's helpdesk's, by its vendor's scheme; undefined when it is. */
function refusal(
  type: ConnectorDoc['type'],
  secret: string | undefined,
  call: InboundCall,
  now: Date,
): string | undefined {
  if (type === 'linear') return refuseLinearCall(secret, call);
  if (type === 'hubspot') {
    return refuseHubspotCall(
      secret,
      { ...call, method: call.method ?? '', uri: call.uri ?? '' },
      now,
    );
  }
  return type === 'jira'
    ? refuseJiraCall(secret, call.signature, call.body)
    : refuseZendeskCall(secret, call, call.body, now);
}

/**
 * Linear's check, by its SDK: `Linear-Signature` is the hex HMAC-SHA256 of the body with the
 * webhook's secret, and the signed `webhookTimestamp` is within a minute of now (no replays).
 */
function refuseLinearCall(secret: string | undefined, call: InboundCall): string | undefined {
  if (!secret) return 'the connector has no webhook_secret, so no call can be verified';
  if (!call.signature) return 'the signature header is missing';
  try {
    new LinearWebhookClient(secret).verify(Buffer.from(call.body), call.signature);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'the signature does not match';
  }
}

/** The helpdesks' webhook events (a CRM such as Salesforce sends none). */
const PARSE: Partial<Record<ConnectorDoc['type'], (body: unknown) => InboundEvent | null>> = {
  zendesk: parseZendeskEvent,
  jira: parseJiraEvent,
  linear: parseLinearEvent,
};

/**
 * A helpdesk's webhook call for one connector (`vendor` as in its path): verified with the
 * connector's webhook secret (a forged call is a 401 `connector_webhook_refused`, nothing read
 * or written), then an agent's public comment is posted in the request's thread once (never
 * one the bot wrote: no echo) and a status change moves the request (`requestMoveForTicket`).
 */
export async function receiveConnectorCall(
  deps: BotDeps,
  vendor: string,
  connectorId: string,
  call: InboundCall,
): Promise<void> {
  const connector = await verifiedConnector(deps, vendor, connectorId, call);
  const parse = PARSE[connector.type];
  const body = parse && jsonOf(call.body);
  if (!parse || body === undefined) return; // signed but not JSON: nothing the bot reads
  const event = parse(body);
  if (!event) return;
  if (event.kind === 'comment' && (event.authorId === connector.vendorUserId || !event.public)) {
    return;
  }
  const tasks = new ConnectorTasks(deps.models);
  const request = await tasks.byTicket(connectorId, event.ticketId);
  if (!request || request.teamId !== connector.teamId) return;
  if (event.kind === 'comment') {
    await postComment(deps, connector, request, event);
    return;
  }
  await tasks.ticketStatus(request._id, event.status);
  await ticketMoved(deps, connectorId, request, event.status);
}

/**
 * The connector a webhook call is for (`vendor` as in its path), once the call is verified
 * with the connector's secret: else a 404, or a 401 `connector_webhook_refused` (nothing read).
 */
export async function verifiedConnector(
  deps: BotDeps,
  vendor: string,
  connectorId: string,
  call: InboundCall,
): Promise<ConnectorDoc> {
  const connector = await new ConnectorStore(deps.models).byId(connectorId);
  const receives = connector && (PARSE[connector.type] || connector.type === 'hubspot');
  if (!connector || connector.type !== vendor || !receives) {
    throw new AppError('connector_not_found', `unknown ${vendor} connector ${connectorId}`);
  }
  const secret = webhookSecretOf(credentialsOf(deps, connector));
  const forged = refusal(connector.type, secret, call, deps.clock.now());
  if (forged) throw new AppError('connector_webhook_refused', forged);
  return connector;
}

/** A call's body as JSON; undefined when it is not. */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The ticket's (or Case's) new status moves its request (`requestMoveForTicket`; a close says so with
 * `reply_on_closure`), and a solved or closed ticket asks its requester to rate it (ticket CSAT).
 */
export async function ticketMoved(
  deps: BotDeps,
  connectorId: string,
  request: RequestDoc,
  status: string,
): Promise<void> {
  const slack = await deps.slack(request.teamId);
  const to = requestMoveForTicket(request.status, status);
  const by = connectorActor(connectorId);
  const refused =
    to &&
    (await applyRequestCommand(
      deps,
      slack,
      { id: String(request._id) },
      { kind: 'status', to },
      by,
    ));
  if (to === 'closed' && !refused) {
    const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
    const config = ctx?.features.tickets.config;
    if (config?.reply_on_closure) {
      await slack.post(
        {
          channel: request.channelId,
          thread_ts: request.rootTs,
          text: config.reply_on_closure_message,
        },
        { bestEffort: { step: 'ticket_closure_reply', requestId: String(request._id) } },
      );
    }
  }
  await askTicketFeedback(deps, request, isClosedTicketStatus(status));
}

export async function postComment(
  deps: BotDeps,
  connector: ConnectorDoc,
  request: { _id: unknown; teamId: string; channelId: string; rootTs: string },
  event: Extract<InboundEvent, { kind: 'comment' }>,
) {
  const key = `connector-comment:${String(connector._id)}:${event.commentId}`;
  if (!(await claimOnce(deps.models.claims, key, deps.clock.now()))) return;
  const slack = await deps.slack(request.teamId);
  const name = event.authorName ? `*${escapeMrkdwn(event.authorName)}*` : 'An agent';
  const posted = await slack.post(
    {
      channel: request.channelId,
      thread_ts: request.rootTs,
      text: `${name} (${VENDOR_NAME[connector.type]}): ${escapeMrkdwn(event.body)}`,
    },
    { bestEffort: { step: 'connector_comment', requestId: String(request._id) } },
  );
  // Not posted (Slack down): the claim goes, so Zendesk's retry of the call posts it.
  if (!posted) {
    await releaseClaim(deps.models.claims, key);
    throw new AppError('slack_unavailable', 'the comment could not be posted');
  }
}
