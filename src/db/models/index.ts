import type { Connection } from 'mongoose';
import { accountModel } from './account.js';
import { aiUsageModel } from './ai-usage.js';
import { apiTokenModel } from './api-token.js';
import { automationRuleModel, automationRunModel } from './automation-rule.js';
import { cannedResponseModel } from './canned-response.js';
import { channelModel } from './channel.js';
import { claimModel } from './claim.js';
import { configVersionModel } from './config-version.js';
import { connectorModel, connectorTaskModel } from './connector.js';
import { contactModel } from './contact.js';
import { customFieldModel, migrateCustomFields } from './custom-field.js';
import { customFilterModel } from './custom-filter.js';
import { dashboardLinkModel, dashboardSessionModel } from './dashboard.js';
import { emailOutboxModel } from './email-outbox.js';
import { emailArrivalModel, emailThreadModel } from './email-thread.js';
import { agentModel, deskTeamModel } from './desk-team.js';
import { counterModel, internalTicketModel } from './internal-ticket.js';
import { kbArticleModel, kbIndexModel, kbPortalModel } from './kb.js';
import { messageModel } from './message.js';
import { reportRollupModel } from './report-rollup.js';
import { requestModel } from './request.js';
import { slackEventModel } from './slack-event.js';
import { suggestionModel } from './suggestion.js';
import { webhookDeliveryModel, webhookModel } from './webhook.js';
import { welcomeModel } from './welcome.js';
import { workspaceModel } from './workspace.js';

export * from './account.js';
export * from './ai-usage.js';
export * from './api-token.js';
export * from './automation-rule.js';
export * from './canned-response.js';
export * from './channel.js';
export * from './claim.js';
export * from './config-version.js';
export * from './connector.js';
export * from './contact.js';
export * from './custom-field.js';
export * from './custom-filter.js';
export * from './dashboard.js';
export * from './desk-team.js';
export * from './email-outbox.js';
export * from './email-thread.js';
export * from './internal-ticket.js';
export * from './kb.js';
export * from './message.js';
export * from './report-rollup.js';
export * from './request.js';
export * from './slack-event.js';
export * from './suggestion.js';
export * from './webhook.js';
export * from './welcome.js';
export * from './workspace.js';
export * from './settings-level.js';

/** Every model bound to one connection; passed to listeners, routes and jobs. */
export function createModels(db: Connection) {
  return {
    workspaces: workspaceModel(db),
    accounts: accountModel(db),
    aiUsage: aiUsageModel(db),
    channels: channelModel(db),
    apiTokens: apiTokenModel(db),
    automationRules: automationRuleModel(db),
    automationRuns: automationRunModel(db),
    cannedResponses: cannedResponseModel(db),
    claims: claimModel(db),
    configVersions: configVersionModel(db),
    connectors: connectorModel(db),
    connectorTasks: connectorTaskModel(db),
    contacts: contactModel(db),
    customFields: customFieldModel(db),
    customFilters: customFilterModel(db),
    dashboardLinks: dashboardLinkModel(db),
    dashboardSessions: dashboardSessionModel(db),
    deskTeams: deskTeamModel(db),
    agents: agentModel(db),
    emailOutbox: emailOutboxModel(db),
    emailThreads: emailThreadModel(db),
    emailArrivals: emailArrivalModel(db),
    counters: counterModel(db),
    internalTickets: internalTicketModel(db),
    kbPortals: kbPortalModel(db),
    kbArticles: kbArticleModel(db),
    kbIndexes: kbIndexModel(db),
    messages: messageModel(db),
    reportRollups: reportRollupModel(db),
    requests: requestModel(db),
    slackEvents: slackEventModel(db),
    suggestions: suggestionModel(db),
    webhooks: webhookModel(db),
    webhookDeliveries: webhookDeliveryModel(db),
    welcomes: welcomeModel(db),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Builds every index (unique ones are what make retries safe) before traffic arrives. */
export async function syncIndexes(models: Models): Promise<void> {
  await migrateCustomFields(models.customFields);
  for (const model of Object.values(models)) await model.createIndexes();
}
