import type { AutomationRuleDoc, MessageDoc } from '../../db/models/index.js';
import { outboxEvent, WebhookOutbox } from '../../db/repositories/webhook-outbox.js';
import type { BotDeps } from '../../deps.js';
import type { Caller } from '../desk/conversations.js';
import { requestOf } from '../desk/conversations.js';
import { eventBodies } from '../webhooks/bodies.js';
import type { RuleEvent } from '../../desk/automation.js';

/**
 * A rule's `send_webhook_event`: one delivery in the webhooks' outbox (`webhook_deliveries`,
 * `webhookId: rule:<id>`) to `url`, so the worker sends it as it sends a subscribed webhook's
 * (recorded, retried with backoff, kept through a restart, one sender per attempt). The body is
 * a webhook's (`event`, `id`, `timestamp`, the message on `message_created`, the conversation as
 * it is now) with the rule's `automation_rule: {id, name}`; sent unsigned, as Chatwoot does.
 */
export async function queueRuleWebhook(
  deps: BotDeps,
  rule: AutomationRuleDoc,
  caller: Caller & { id: string },
  moment: { event: RuleEvent; message?: MessageDoc },
  url: string,
): Promise<void> {
  const request = await requestOf(deps, caller.teamId, caller.id);
  const now = deps.clock.now();
  const event = outboxEvent(moment.event, now, moment.message && String(moment.message._id));
  const automation_rule = { id: String(rule._id), name: rule.name };
  const bodies = await eventBodies(deps, request.teamId, [{ ...request, webhookEvents: [event] }], {
    automation_rule,
  });
  await new WebhookOutbox(deps.models).store([
    {
      teamId: request.teamId,
      webhookId: `rule:${String(rule._id)}`,
      url,
      eventId: event.id,
      event: event.event,
      body: bodies.get(event.id) as string,
      nextAttemptAt: now,
    },
  ]);
}
