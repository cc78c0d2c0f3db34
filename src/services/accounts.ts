import type { WebClient } from '@slack/web-api';
import { accountPlan, type AccountChannelCheck } from '../accounts/account.js';
import type { AccountDoc, Models } from '../db/models/index.js';
import { channelFields } from '../channels/channel.js';
import { lookUpChannel } from '../slack/lookups.js';

/**
 * Creates a customer account and links its channels (names from Slack). Every channel is looked
 * up and checked (`accountPlan`) before anything is written.
 */
export async function createAccount(
  models: Models,
  client: WebClient,
  teamId: string,
  input: { name: string; channels: string[] },
): Promise<{ account: AccountDoc; channels: string[] }> {
  const nameTaken = await models.accounts.exists({ teamId, name: input.name });
  const channelIds = [...new Set(input.channels)];
  const checks: AccountChannelCheck[] = [];
  for (const [index, channelId] of input.channels.entries()) {
    if (channelIds.indexOf(channelId) !== index) continue;
    const owned = await models.channels.findOne({ channelId, accountId: { $ne: null } }).lean();
    // A foreign owner ends the checks: the request is refused whatever the other channels are.
    if (owned && owned.teamId !== teamId) {
      checks.push({ channelId, index, ownerTeamId: owned.teamId });
      break;
    }
    const info = owned ? undefined : await lookUpChannel(client, channelId);
    checks.push({ channelId, index, ownerTeamId: owned?.teamId, info });
  }
  const plan = accountPlan(teamId, nameTaken ? input : undefined, checks);
  if (!plan.ok) throw plan.error;

  const account = await models.accounts.create({ teamId, name: input.name });
  for (const info of plan.channels) {
    await models.channels.updateOne(
      { teamId, channelId: info.id },
      {
        $set: { accountId: account._id, ...channelFields(info) },
        $setOnInsert: { kind: 'customer' },
      },
      { upsert: true },
    );
  }
  return { account: account.toObject(), channels: plan.channels.map((info) => info.id) };
}
