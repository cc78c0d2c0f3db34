import { escapeMrkdwn } from '../text/mrkdwn.js';
import type { EmailDomain, EmailMapping } from '../settings/features/email-to-slack.js';
import { domainFor } from './address.js';

/**
 * `/triage email`'s answer (issue 15): the addresses mapped to this channel, each with its name,
 * custom address, whether it blocks mail, and its domain's state and TLS rule. Pure.
 */
export function emailCommandText(
  channelId: string,
  mappings: readonly EmailMapping[],
  domains: readonly EmailDomain[],
): string {
  const here = mappings.filter((mapping) => mapping.channelId === channelId);
  if (here.length === 0) {
    return (
      `No e-mail address is mapped to <#${channelId}>. An admin adds one with ` +
      '`POST /api/v1/email/mappings` (see the README, E-mail).'
    );
  }
  const lines = here.map((mapping) => {
    const domain = domainFor(domains, mapping.email.slice(mapping.email.lastIndexOf('@') + 1));
    const parts = [`• \`${escapeMrkdwn(mapping.email)}\` (${escapeMrkdwn(mapping.name)})`];
    if (mapping.customEmail) parts.push(`also \`${escapeMrkdwn(mapping.customEmail)}\``);
    if (mapping.emailBlockingEnabled) parts.push(':no_entry: blocks mail');
    parts.push(
      domain
        ? `domain ${escapeMrkdwn(domain.name)}: ${domain.state}${domain.require_tls ? ', TLS required' : ''}`
        : 'domain not registered',
    );
    return parts.join(' · ');
  });
  return [`:email: Mail to these addresses becomes requests in <#${channelId}>:`, ...lines].join(
    '\n',
  );
}
