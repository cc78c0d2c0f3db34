import { VendorError } from '../../connectors/connector.js';
import type { CrmAccount } from '../../connectors/crm.js';
import type { AccountCrm, AccountDoc } from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import { AppError, validationError } from '../../errors.js';
import { crmOf } from './manage.js';

/** What links an account: a Salesforce Account's or HubSpot company's id, or its exact name; null unlinks. */
export type AccountCrmInput =
  | { salesforce_account_id: string }
  | { salesforce_account_name: string }
  | { hubspot_company_id: string }
  | { hubspot_company_name: string };

/** Each CRM's words and stored fields. */
const CRMS = {
  salesforce: { vendor: 'Salesforce', record: 'Account', plural: 'Accounts' },
  hubspot: { vendor: 'HubSpot', record: 'company', plural: 'companies' },
} as const;

/**
 * Links a customer account to its Salesforce Account or HubSpot company (issue 14), found by id
 * or by exact name through the workspace's connector of that CRM; the record's name is stored as
 * the CRM has it. No record, several of that name, no connector or no answer: a 422 naming the
 * field, and nothing written.
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
  const [field, value] = Object.entries(input)[0] as [string, string];
  const type = field.startsWith('hubspot') ? 'hubspot' : 'salesforce';
  const byId = field.endsWith('_id');
  const { vendor, record, plural } = CRMS[type];
  const refuse = (msg: string, kind: string) =>
    validationError([{ loc: ['body', 'crm', field], msg, type: kind }]);
  const connector = (await new ConnectorStore(deps.models).list(teamId)).find(
    (c) => c.type === type,
  );
  if (!connector) {
    throw refuse(
      `this workspace has no ${vendor} connector to look the ${record} up in (see /api/v1/connectors)`,
      'value_error.no_crm_connector',
    );
  }
  const client = crmOf(deps, connector);
  let found: CrmAccount[];
  try {
    found = byId
      ? [await client.account(value)].filter((a) => a !== null)
      : await client.accountsByName(value);
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    throw refuse(
      `${vendor} did not answer the lookup (${error.status ?? 'no answer'}): ${error.message}; nothing was changed`,
      'vendor_unreachable',
    );
  }
  const [only, ...others] = found;
  if (!only) {
    const what = byId
      ? `the ${byId && type === 'hubspot' ? 'id' : 'Id'} ${value}`
      : `the name ${JSON.stringify(value)}`;
    throw refuse(`${vendor} has no ${record} with ${what}`, 'value_error.crm_account_not_found');
  }
  if (others.length > 0) {
    const listed = found.map((a) => `${a.id} (${a.name})`).join(', ');
    throw refuse(
      `${found.length} ${vendor} ${plural} have this name: ${listed}; give ${type === 'hubspot' ? 'hubspot_company_id' : 'salesforce_account_id'} instead`,
      'value_error.crm_account_ambiguous',
    );
  }
  return type === 'hubspot'
    ? { hubspotCompanyId: only.id, hubspotCompanyName: only.name }
    : { salesforceAccountId: only.id, salesforceAccountName: only.name };
}
