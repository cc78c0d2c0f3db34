/** Slack's longest channel name. */
export const CHANNEL_NAME_MAX = 80;

/** What `crm.internal_channels.pattern` replaces with the account's name. */
const CUSTOMER = /\{customer\}/g;

/**
 * Text as Slack accepts it in a channel name: lower case, spaces (and runs of anything else
 * Slack refuses) as one `-`, accents dropped (`Café` → `cafe`), only `[a-z0-9-_]`.
 *
 * @example
 * slackNamePart('Acme & Co.'); // 'acme-co'
 */
export function slackNamePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The internal channel's name for an account: the pattern with `{customer}` as the account's
 * name in channel-name form, the whole kept to Slack's rules and 80 characters (cut at the end,
 * no trailing `-`). Undefined when nothing usable is left (a name of only punctuation), which
 * Slack would refuse (`invalid_name_punctuation`).
 *
 * @example
 * internalChannelName('int-{customer}', 'Acme Corp'); // 'int-acme-corp'
 */
export function internalChannelName(pattern: string, accountName: string): string | undefined {
  const customer = slackNamePart(accountName);
  if (customer === '' && pattern.includes('{customer}')) return undefined;
  const name = slackNamePart(pattern.replace(CUSTOMER, customer))
    .slice(0, CHANNEL_NAME_MAX)
    .replace(/-+$/, '');
  return /[a-z0-9]/.test(name) ? name : undefined;
}

/**
 * The customer's name `{customer}` stands for: the CRM account's (`crm.internal_channels.pattern`
 * says so) when the account is linked to one, else the bot's own account name.
 */
export function customerName(account: {
  name: string;
  crm?: {
    salesforceAccountName?: string | undefined;
    hubspotCompanyName?: string | undefined;
  } | null;
}): string {
  return account.crm?.salesforceAccountName || account.crm?.hubspotCompanyName || account.name;
}
