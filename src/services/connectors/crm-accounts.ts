import { VendorError } from '../../connectors/connector.js';
import type { CrmAccount } from '../../connectors/crm.js';
import type { AccountCrm, AccountDoc } from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import { AppError, validationError } from '../../errors.js';
import { crmOf } from './manage.js';

/** What links an account: a Salesforce Account's Id, or its exact name; null unlinks. */
export type AccountCrmInput =
  { salesforce_account_id: string } | { salesforce_account_name: string };

/**
 * Links a customer account to its Salesforce Account (issue 14), found by Id or by exact name
 * through the workspace's Salesforce connector; the Account's name is stored as Salesforce has
 * it. No Account, several of that name, no connector or no answer: a 422 naming the field, and
 * nothing written.
 */
export async function linkAccountCrm(
  deps: Pick<BotDeps, 'models' | 'env' | 'settings'>,
  teamId: string,
  accountId: string,
  input: AccountCrmInput | null,
): Promise<AccountDoc> {
  const account = await deps.settings.accountDoc(teamId, accountId);
  const crm = input === null ? null : await lookUp(deps, teamId, input);
  const linked = await new WorkspaceStore(deps.models).linkCrm(teamId, account._id, crm);
  if (!linked) throw new AppError('account_not_found', `unknown account ${accountId}`);
  return linked;
}

async function lookUp(
  deps: Pick<BotDeps, 'models' | 'env'>,
  teamId: string,
  input: AccountCrmInput,
): Promise<AccountCrm> {
  const byId = 'salesforce_account_id' in input;
  const field = byId ? 'salesforce_account_id' : 'salesforce_account_name';
  const refuse = (msg: string, type: string) =>
    validationError([{ loc: ['body', 'crm', field], msg, type }]);
  const connector = (await new ConnectorStore(deps.models).list(teamId)).find(
    (c) => c.type === 'salesforce',
  );
  if (!connector) {
    throw refuse(
      'this workspace has no Salesforce connector to look the Account up in (see /api/v1/connectors)',
      'value_error.no_crm_connector',
    );
  }
  const client = crmOf(deps, connector);
  let found: CrmAccount[];
  try {
    found = byId
      ? [await client.account(input.salesforce_account_id)].filter((a) => a !== null)
      : await client.accountsByName(input.salesforce_account_name);
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    throw refuse(
      `Salesforce did not answer the lookup (${error.status ?? 'no answer'}): ${error.message}; nothing was changed`,
      'vendor_unreachable',
    );
  }
  const [only, ...others] = found;
  if (!only) {
    const what = byId
      ? `the Id ${input.salesforce_account_id}`
      : `the name ${JSON.stringify(input.salesforce_account_name)}`;
    throw refuse(`Salesforce has no Account with ${what}`, 'value_error.crm_account_not_found');
  }
  if (others.length > 0) {
    const listed = found.map((a) => `${a.id} (${a.name})`).join(', ');
    throw refuse(
      `${found.length} Salesforce Accounts have this name: ${listed}; give salesforce_account_id instead`,
      'value_error.crm_account_ambiguous',
    );
  }
  return { salesforceAccountId: only.id, salesforceAccountName: only.name };
}
