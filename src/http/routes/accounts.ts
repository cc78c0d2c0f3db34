import { Router } from 'express';
import { parseAccount, type AccountDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { createAccount } from '../../services/accounts.js';
import { renameInternalChannel } from '../../services/crm/internal-channels.js';
import { accountCreated } from '../../services/crm/settings-hooks.js';
import { linkAccountCrm } from '../../services/connectors/crm-accounts.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import { AccountCreate, AccountIdParams, AccountUpdate, type AccountResponse } from '../schemas.js';

/** Customer accounts: create with linked channels, list, read, link to the CRM. */
export function accountRoutes(deps: BotDeps): Router {
  const { models, settings, slack } = deps;
  const router = Router();
  const render = async (account: AccountDoc): Promise<AccountResponse> => {
    const channels = await models.channels
      .find({ accountId: account._id }, { channelId: 1 })
      .sort({ channelId: 1 })
      .lean();
    return {
      id: String(account._id),
      name: account.name,
      channels: channels.map((channel) => channel.channelId),
      internal_channel_id: account.internalChannelId,
      crm: account.crm && crmLinkOf(account.crm),
      created_at: new Date(account.createdAt).toISOString(),
    };
  };

  router.post('/accounts', async (req, res) => {
    const input = parseInput(AccountCreate, req.body, 'body');
    const { account } = await createAccount(models, await slack(teamOf(res)), teamOf(res), input);
    await accountCreated(deps, account);
    res.status(201).json(await render(account));
  });
  router.get('/accounts', async (_req, res) => {
    const accounts = await models.accounts
      .find({ teamId: teamOf(res) })
      .sort({ name: 1 })
      .lean();
    res.json(await Promise.all(accounts.map((account) => render(parseAccount(account)))));
  });
  router.get('/accounts/:accountId', async (req, res) => {
    const { accountId } = parseInput(AccountIdParams, req.params, 'path');
    res.json(await render(await settings.accountDoc(teamOf(res), accountId)));
  });
  router.patch('/accounts/:accountId', async (req, res) => {
    const { accountId } = parseInput(AccountIdParams, req.params, 'path');
    const { crm } = parseInput(AccountUpdate, req.body, 'body');
    const before = await settings.accountDoc(teamOf(res), accountId);
    const after = await linkAccountCrm(deps, teamOf(res), accountId, crm);
    await renameInternalChannel(deps, before, after);
    res.json(await render(after));
  });
  return router;
}

/** The account's CRM link as the API shows it: the Salesforce Account's fields, or HubSpot's. */
function crmLinkOf(crm: NonNullable<AccountDoc['crm']>): NonNullable<AccountResponse['crm']> {
  if (crm.hubspotCompanyId) {
    return {
      hubspot_company_id: crm.hubspotCompanyId,
      hubspot_company_name: crm.hubspotCompanyName ?? '',
    };
  }
  return {
    salesforce_account_id: crm.salesforceAccountId ?? '',
    salesforce_account_name: crm.salesforceAccountName ?? '',
  };
}
