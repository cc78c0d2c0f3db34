import { accountPlan, type AccountChannelCheck } from '../accounts/account.js';
import type { AccountDoc, Models } from '../db/models/index.js';
import { ChannelStore } from '../db/repositories/channels.js';
import { WorkspaceStore } from '../db/repositories/workspaces.js';
import type { SlackGateway } from '../slack/gateway.js';

/**
 * Creates a customer account and links its channels (names from Slack). Every channel is looked
 * up and checked (`accountPlan`) before anything is written.
 */
export async function createAccount(
  models: Models,
  slack: SlackGateway,
  teamId: string,
  input: { name: string; channels: string[] },
): Promise<{ account: AccountDoc; channels: string[] }> {
  const workspace = new WorkspaceStore(models);
  const channels = new ChannelStore(models);
  const nameTaken = await workspace.accountNameTaken(teamId, input.name);
  const channelIds = [...new Set(input.channels)];
  const checks: AccountChannelCheck[] = [];
  for (const [index, channelId] of input.channels.entries()) {
    if (channelIds.indexOf(channelId) !== index) continue;
    const owned = await channels.owned(channelId);
    // A foreign owner ends the checks: the request is refused whatever the other channels are.
    if (owned && owned.teamId !== teamId) {
      checks.push({ channelId, index, ownerTeamId: owned.teamId });
      break;
    }
    const info = owned ? undefined : await slack.channelInfo(channelId);
    checks.push({ channelId, index, ownerTeamId: owned?.teamId, info });
  }
  const plan = accountPlan(teamId, nameTaken ? input : undefined, checks);
  if (!plan.ok) throw plan.error;

  const account = await workspace.createAccount(teamId, input.name);
  for (const info of plan.channels)
    await channels.describe(teamId, info, info.is_member, { accountId: account._id }, 'customer');
  return { account, channels: plan.channels.map((info) => info.id) };
}
