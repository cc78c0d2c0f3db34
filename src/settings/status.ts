import type { Catalog } from './catalog.js';

/** The issues that will make the remaining settings act, by number. */
export const ISSUES = {
  12: 'desk',
  13: 'reports',
  14: 'tickets/CRM connectors',
  15: 'email',
  16: 'AI',
} as const;
export type IssueNumber = keyof typeof ISSUES;

/**
 * What a setting does today: `acts` when the bot reads it and does what it says, else the issue
 * that will make it act; `inPart` says what already works of a setting that acts only in part.
 */
export type SettingStatus = 'acts' | { issue: IssueNumber; inPart?: string };

/**
 * The status of every setting, by key or key prefix (a group); the longest rule that matches a
 * key decides. Checked by a test: every catalog key has a rule and every rule matches a key.
 * Change a rule in the commit that makes a setting act.
 */
export const STATUS_RULES: Readonly<Record<string, SettingStatus>> = {
  'requests.automations': 'acts',
  'requests.config': 'acts',
  // A reply in the thread of a live helpdesk ticket stays its request's (docs/connectors/zendesk.md).
  'requests.config.suppress_requests_on_non_closed_ticket_threads': 'acts',
  // Salesforce (docs/connectors/salesforce.md): each request a Case through the connector.
  'requests.config.write_all_requests_to_crm': 'acts',
  'requests.config.auto_create_ticket_from_request': 'acts',
  // Web requests (docs/web-requests.md): the public support form opens requests in the channel.
  'requests.config.host_domain': 'acts',
  'requests.config.web_request_redirection_channel': 'acts',
  'requests.config.web_request_email_communication': 'acts',
  'requests.config.ai_assist_auto_responder': 'acts',
  'requests.config.ai_smart_grouping': 'acts',
  'requests.config.knowledge_base_name': 'acts',
  'requests.config.knowledge_base_url': 'acts',
  'requests.config.send_kbsuggested_answers': 'acts',
  'requests.support.response_sla': 'acts',
  'requests.support.request_closure_sla': 'acts',
  'requests.support.severity': 'acts',
  'requests.support.tags': 'acts',
  // Every field of a category acts, `autoassign_by_ai` with an AI provider (README "AI assist").
  'requests.categories': 'acts',
  'requests.custom_fields': 'acts',
  // AI classification suggestions on the card (README "AI assist"), with an AI provider.
  'requests.ai': 'acts',
  'requests.aiTags': 'acts',
  'requests.sink': 'acts',
  'tickets.config.escalation_cool_off_period_in_min': 'acts',
  'tickets.config.allow_ticket_creation_with_ticket_emoji': 'acts',
  // Zendesk, Jira and Linear (docs/connectors/): the first is the default, the modal offers each.
  'tickets.config.helpdeskIds': 'acts',
  'tickets.config.formIds': 'acts',
  'tickets.config.hide_urgency': 'acts',
  'tickets.config.change_stage_for_closed_ticket': 'acts',
  'tickets.config.change_stage_for_closed_ticket_to_value': 'acts',
  'tickets.config.change_stage_for_non_closed_ticket': 'acts',
  'tickets.config.change_stage_for_non_closed_ticket_to_value': 'acts',
  'tickets.config.map_submitter_to_requestor': 'acts',
  'tickets.config.invisible_only': 'acts',
  'tickets.config.send_threads_to_connectors': 'acts',
  'tickets.config.do_not_show_ticket_modal': 'acts',
  'tickets.config.hide_priority': 'acts',
  'tickets.config.hide_tags': 'acts',
  'tickets.config.hide_request_type': 'acts',
  'tickets.config.reply_on_closure': 'acts',
  'tickets.config.reply_on_closure_message': 'acts',
  // Ticket CSAT (docs/connectors/zendesk.md#ticket-csat), with csat_send_for TICKET.
  'tickets.config.send_feedback_message': 'acts',
  'tickets.config.feedback_message': 'acts',
  'tickets.config.feedback_rating': 'acts',
  'tickets.config.send_feedback_as_ephemeral': 'acts',
  'tickets.config.send_feedback_message_to_channel': 'acts',
  'tickets.config.feedback_channel_id': 'acts',
  'tickets.config.send_invisible_ticket_feedback_message': 'acts',
  'tickets.config.send_ai_summary_to_connectors': 'acts',
  // A customer's message on a solved/closed ticket opens a linked follow-up (docs/connectors/zendesk.md).
  'tickets.config.enable_follow_up_ticket': 'acts',
  // Thread messages to the ticket: only the customer's, only while it is live.
  'tickets.config.enable_only_for_customers_to_non_closed_ticket': 'acts',
  // The triage card's ⋯ menu of card actions, by a fixed vocabulary of names.
  'tickets.config.showOverflowMenu': 'acts',
  'tickets.config.overflow_options': 'acts',
  internal_ticket: 'acts',
  'crm.field_mappings': 'acts',
  'crm.internal_channels': 'acts',
  'crm.summariser': 'acts',
  'crm.additional_fields': 'acts',
  'crm.type': 'acts',
  csat_send_for: 'acts',
  hidePrivateChannelMetadata: 'acts',
  'emailToSlack.domains': 'acts',
  'emailToSlack.mappings': {
    issue: 15,
    inPart:
      'addresses, channelId, name (the From name of replies), emailBlockingEnabled, dnsVerified, emailReceivingVerified (set when mail to it arrives) and emailForwardingVerified (set when forwarded mail arrives) act, the last two for mappings in the workspace list; the *WebhookCreatedAt times stay as stored (no provider webhooks)',
  },
  ma: 'acts',
};

/** The rule deciding `key`: the longest rule that is the key or a group above it. */
export function statusRule(key: string): string | undefined {
  let best: string | undefined;
  for (const rule of Object.keys(STATUS_RULES)) {
    const matches = key === rule || key.startsWith(`${rule}.`);
    if (matches && (best === undefined || rule.length > best.length)) best = rule;
  }
  return best;
}

/** What `key` does today; throws for a key no rule covers (a test keeps that from happening). */
export function settingStatus(key: string): SettingStatus {
  const rule = statusRule(key);
  if (rule === undefined) throw new Error(`no status for setting "${key}" in STATUS_RULES`);
  return STATUS_RULES[rule] as SettingStatus;
}

/** How many of the catalog's settings act today, of how many. */
export function actingCount(catalog: Catalog): { acting: number; total: number } {
  const keys = [...catalog.leaves.keys()];
  return { acting: keys.filter((key) => settingStatus(key) === 'acts').length, total: keys.length };
}

/** A status in words: `acts`, `not yet active: issue 14 (tickets/CRM connectors)`. */
export function statusText(status: SettingStatus): string {
  if (status === 'acts') return 'acts';
  const issue = `issue ${status.issue} (${ISSUES[status.issue]})`;
  return status.inPart
    ? `acts in part (${status.inPart}); the rest: ${issue}`
    : `not yet active: ${issue}`;
}
