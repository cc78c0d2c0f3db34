import { ConnectorStore } from '../../db/repositories/connectors.js';
import { ConnectorTasks } from '../../db/repositories/connector-tasks.js';
import type { ConnectorDoc, ConnectorTaskDoc, RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import {
  VendorError,
  describeFailure,
  nextAttempt,
  type Connector,
  type TicketDraft,
} from '../../connectors/connector.js';
import { askTicketFeedback } from '../feedback/prompt.js';
import { channelContext } from '../requests/context.js';
import { TriageCard } from '../requests/triage-card.js';
import { VENDOR_NAME, clientOf } from './manage.js';
import { carryOutCase, caseGivenUp, isCaseTask } from './cases.js';
import { addTicketSummary } from '../ai/ticket-summary.js';

/** Requests drained and tasks leased per call. */
const BATCH = 50;
/** A comment or status task whose ticket is still being made waits this long. */
const WAIT_FOR_TICKET_MS = 5_000;

/** What carrying a task out came to. */
type Done =
  | { status: 'done' }
  | { status: 'pending'; nextAttemptAt: Date; ambiguous?: boolean; error?: string };

/**
 * One pass: moves waiting tasks from requests to `connector_tasks`, then carries out what is
 * due, batch after batch. A transient failure (429, 5xx, no answer) is tried again later (its
 * `Retry-After` honoured); one that is not, or the last attempt, gives up: a create's failure
 * is shown on the card.
 */
export async function runConnectorTasks(deps: BotDeps): Promise<void> {
  const tasks = new ConnectorTasks(deps.models);
  while ((await tasks.drain(deps.clock.now(), BATCH)) === BATCH);
  for (;;) {
    const leased = await tasks.lease(deps.clock.now(), BATCH);
    for (const task of leased) await attempt(deps, tasks, task);
    if (leased.length < BATCH) return;
  }
}

async function attempt(deps: BotDeps, tasks: ConnectorTasks, task: ConnectorTaskDoc) {
  const now = deps.clock.now();
  const connector = await new ConnectorStore(deps.models).byId(task.connectorId);
  const vendor = connector ? VENDOR_NAME[connector.type] : 'The helpdesk';
  try {
    const outcome = await carryOut(deps, tasks, task, connector);
    await tasks.settle(task, outcome);
  } catch (error) {
    const failure =
      error instanceof VendorError
        ? error
        : new VendorError('refused', error instanceof Error ? error.message : String(error));
    const next = nextAttempt(failure, task.attempts, now);
    const message = describeFailure(vendor, failure);
    const ambiguous = failure.ambiguous || task.ambiguous;
    if (next)
      return tasks.settle(task, {
        status: 'pending',
        nextAttemptAt: next,
        ambiguous,
        error: message,
      });
    await tasks.settle(task, { status: 'failed', error: message });
    deps.logger.warn(
      { taskId: task.taskId, kind: task.kind, error: message },
      'connector task given up',
    );
    if (task.kind === 'create' || task.kind === 'case_create') {
      const request =
        task.kind === 'create'
          ? await tasks.ticketFailed(task.requestId, task.taskId, message)
          : await caseGivenUp(deps, task, message);
      if (request) await redraw(deps, request);
    }
  }
}

async function carryOut(
  deps: BotDeps,
  tasks: ConnectorTasks,
  task: ConnectorTaskDoc,
  connector: ConnectorDoc | null,
): Promise<Done> {
  const request = await tasks.request(task);
  if (!request || !connector || connector.teamId !== task.teamId) {
    throw new VendorError('refused', 'the request or the connector no longer exists');
  }
  if (isCaseTask(task)) {
    return carryOutCase(deps, task, request, connector, (made) => redraw(deps, made));
  }
  const client = clientOf(deps, connector);
  if (task.kind === 'create')
    return create(deps, tasks, task, request, client, VENDOR_NAME[connector.type]);
  const ticket = request.ticket;
  // A ticket (or a follow-up of a closed one) being made: what is for it waits for it.
  if (request.ticketIntent?.state === 'pending') {
    return {
      status: 'pending',
      nextAttemptAt: new Date(deps.clock.now().getTime() + WAIT_FOR_TICKET_MS),
    };
  }
  if (!ticket || ticket.connectorId !== task.connectorId) {
    throw new VendorError('refused', 'the request has no ticket in this helpdesk');
  }
  if (task.kind === 'comment' && task.payload.comment) {
    const once = { key: task.taskId, retried: task.ambiguous };
    await client.addComment(ticket.id, task.payload.comment, once);
  } else if (task.kind === 'status' && task.payload.status) {
    await client.updateStatus(ticket.id, task.payload.status);
    await tasks.ticketStatus(request._id, task.payload.status);
    // The request's close solved its ticket: its requester is asked to rate it (ticket CSAT).
    if (request.status === 'closed') await askTicketFeedback(deps, request, true);
  }
  return { status: 'done' };
}

/**
 * Creates the ticket once: after an attempt that may have made it (a 5xx, no answer) the
 * ticket is first looked up by its `external_id` (the intent's id), so it is never made twice.
 * A follow-up replaces the closed ticket it follows up on the request.
 */
async function create(
  deps: BotDeps,
  tasks: ConnectorTasks,
  task: ConnectorTaskDoc,
  request: RequestDoc,
  client: Connector,
  vendor: string,
): Promise<Done> {
  const draft = task.payload.draft;
  const followUpOf = draft?.followUpOf?.id ?? null;
  if (!draft || (request.ticket && request.ticket.id !== followUpOf)) return { status: 'done' };
  const found = task.ambiguous ? await client.findByExternalId(draft.externalId) : null;
  const ticket = found ?? (await client.createTicket(draft));
  await relateFollowUp(deps, client, ticket.id, draft, task.attempts);
  const made = await tasks.ticketMade(
    task.requestId,
    task.taskId,
    { ...ticket, connectorId: task.connectorId, createdBy: task.by, followUpOf },
    deps.clock.now(),
  );
  if (made) await addTicketSummary(deps, client, made, ticket.id);
  if (made) await announce(deps, made, task.by, vendor);
  return { status: 'done' };
}

/**
 * A follow-up's relation to the ticket it follows up, where the vendor makes it in a call of its
 * own (Linear). A transient failure tries the task again as ambiguous (the ticket is then found
 * by its intent's id, not made twice, and the relation asked for again: the connector makes it
 * once); a refusal, or a transient failure on the task's last attempt, is logged and the
 * follow-up kept (its description names the old ticket): a relation never fails a ticket made.
 */
async function relateFollowUp(
  deps: BotDeps,
  client: Connector,
  id: string,
  draft: TicketDraft,
  attempts: number,
) {
  if (!draft.followUpOf || !client.relateFollowUp) return;
  try {
    await client.relateFollowUp(id, draft);
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    if (nextAttempt(error, attempts, deps.clock.now())) {
      throw new VendorError(error.kind, error.message, error.status, error.retryAfterMs, true);
    }
    deps.logger.warn(
      { ticketId: id, followUpOf: draft.followUpOf.id, error: error.message },
      'follow-up relation not made',
    );
  }
}

/** The ticket's link in the request's thread, and on its card. */
async function announce(deps: BotDeps, request: RequestDoc, by: string, vendor: string) {
  const ticket = request.ticket;
  if (!ticket) return;
  const slack = await deps.slack(request.teamId);
  const who = by.startsWith('U') || by.startsWith('W') ? ` by <@${by}>` : '';
  const link = `<${ticket.url}|#${ticket.id}>`;
  const text = ticket.followUpOf
    ? `:ticket: ${vendor} follow-up ticket ${link} was opened for the new message here; it follows up #${ticket.followUpOf}.`
    : `:ticket: ${vendor} ticket ${link} was created from this request${who}.`;
  await slack.post(
    { channel: request.channelId, thread_ts: request.rootTs, text },
    { bestEffort: { step: 'connector_ticket_created', requestId: String(request._id) } },
  );
  await redraw(deps, request);
}

async function redraw(deps: BotDeps, request: RequestDoc) {
  const slack = await deps.slack(request.teamId);
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (ctx) await new TriageCard(deps, slack).update(ctx, request);
}

/**
 * Each instance's loop: every `WEBHOOK_POLL_MS` (the outboxes' poll), one pass; a pass still
 * running skips the next. Returns the stop, which waits for the pass under way.
 */
export function startConnectorWorker(deps: BotDeps): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= runConnectorTasks(deps)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'connector poll failed'))
      .finally(() => (running = undefined));
  }, deps.env.WEBHOOK_POLL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
