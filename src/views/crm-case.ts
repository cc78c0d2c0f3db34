import type { RequestDoc } from '../db/models/index.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';

/**
 * The request's Salesforce Case on its own line of the card: a link to it (on the Account
 * linked to the account, or named by `requests.sink.salesforceAccountName`) with the
 * `crm.additional_fields` read back from it, that one is coming, or why it failed.
 */
export function crmCaseLine(request: Partial<Pick<RequestDoc, 'crmCase'>>): string | undefined {
  const crmCase = request.crmCase;
  if (!crmCase) return undefined;
  const account = crmCase.accountName ? ` on *${escapeMrkdwn(crmCase.accountName)}*` : '';
  const what = crmCase.vendor === 'hubspot' ? 'HubSpot ticket' : 'Salesforce Case';
  if (crmCase.state === 'made' && crmCase.url && crmCase.id) {
    const fields = Object.entries(crmCase.fields ?? {})
      .filter(([, value]) => value !== null && value !== '')
      .map(
        ([name, value]) => ` · ${escapeMrkdwn(name)}: ${escapeMrkdwn(String(value).slice(0, 100))}`,
      )
      .join('');
    return `:briefcase: ${what} <${crmCase.url}|${escapeMrkdwn(crmCase.id)}>${account}${fields}`;
  }
  if (crmCase.state === 'failed') {
    return `:warning: The ${what} could not be created${account}: ${escapeMrkdwn(crmCase.error ?? 'unknown error')}`;
  }
  return undefined;
}
