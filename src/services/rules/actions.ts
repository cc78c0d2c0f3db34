import type { AutomationRuleDoc, MessageDoc, RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { ConversationStatus, Priority } from '../../desk/conversation.js';
import { ruleBy, type RuleEvent } from '../../desk/automation.js';
import {
  assign,
  setLabels,
  setSeverity,
  toggleStatus,
  togglePriority,
  type ApiChange,
} from '../desk/changes.js';
import { postRuleMessage } from '../desk/messages.js';
import { assignToTeam } from '../teams/assign.js';
import { queueRuleWebhook } from './webhook.js';

type Action = AutomationRuleDoc['actions'][number];

/** What a rule runs on: its event, and on `message_created` the new message. */
export interface RuleMoment {
  event: RuleEvent;
  message?: MessageDoc;
}

/** Why an action could not run, said in the run's record. */
export class ActionRefused extends Error {}

const one = (action: Action) => String(action.action_params[0] ?? '');
const all = (action: Action) => action.action_params.map(String);

/**
 * Applies one action of `rule` to the request through the same services as a person's change,
 * recorded `by: rule:<id>:<name>` (so the changes it makes never trigger rules again).
 * `send_webhook_event` queues a delivery in the webhooks' outbox (`queueRuleWebhook`).
 */
export async function applyAction(
  deps: BotDeps,
  rule: AutomationRuleDoc,
  request: RequestDoc,
  action: Action,
  moment: RuleMoment,
): Promise<void> {
  const change: ApiChange = {
    teamId: request.teamId,
    userId: '',
    id: String(request._id),
    by: ruleBy(String(rule._id), rule.name),
  };
  switch (action.action_name) {
    case 'assign_agent':
      await assign(deps, change, one(action));
      return;
    case 'assign_team':
      await assignToTeam(deps, change, one(action));
      return;
    case 'add_label':
    case 'remove_label': {
      const named = all(action);
      await setLabels(deps, change, (now) =>
        action.action_name === 'add_label'
          ? [...now, ...named.filter((l) => !now.includes(l))]
          : now.filter((l) => !named.some((n) => n.toLowerCase() === l.toLowerCase())),
      );
      return;
    }
    case 'change_priority': {
      const priority = Priority.safeParse(one(action));
      if (!priority.success) throw new ActionRefused(`unknown priority "${one(action)}"`);
      await togglePriority(deps, change, priority.data);
      return;
    }
    case 'change_status': {
      const status = ConversationStatus.exclude(['snoozed']).safeParse(one(action));
      if (!status.success) throw new ActionRefused(`unknown status "${one(action)}"`);
      await toggleStatus(deps, change, status.data);
      return;
    }
    case 'set_severity':
      await setSeverity(deps, change, one(action));
      return;
    case 'send_message':
      await postRuleMessage(deps, change, all(action).join('\n'));
      return;
    case 'send_slack_message': {
      const [channel, text] = all(action) as [string, string];
      const slack = await deps.slack(request.teamId);
      await slack.post({ channel, text });
      return;
    }
    case 'send_webhook_event':
      await queueRuleWebhook(deps, rule, change, moment, one(action));
      return;
  }
}
