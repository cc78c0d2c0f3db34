import { promises as dns } from 'node:dns';
import { teamsWithDomains } from '../../db/repositories/email.js';
import type { BotDeps } from '../../deps.js';
import type { EmailDomainCreate } from '../../email/api.js';
import {
  checkedDomain,
  dnsQueries,
  normalize,
  queryKey,
  verifiedMappings,
  type DnsQuery,
} from '../../email/dns.js';
import type { EmailDomain } from '../../settings/features/email-to-slack.js';
import { EmailApi } from './api.js';

type DnsDeps = Pick<BotDeps, 'settings' | 'clock' | 'models' | 'env' | 'logger'>;

/** The values DNS holds for one query (MX as "<priority> <exchange>"); [] when it holds none. */
async function lookUp(deps: DnsDeps, query: DnsQuery): Promise<string[]> {
  const resolver = new dns.Resolver({ timeout: 3_000, tries: 2 });
  if (deps.env.DNS_SERVER) resolver.setServers([deps.env.DNS_SERVER]);
  try {
    switch (query.type) {
      case 'MX':
        return (await resolver.resolveMx(query.name)).map(
          (mx) => `${mx.priority} ${normalize(mx.exchange)}`,
        );
      case 'TXT':
        return (await resolver.resolveTxt(query.name)).map((chunks) => normalize(chunks.join('')));
      case 'CNAME':
        return (await resolver.resolveCname(query.name)).map(normalize);
      case 'A':
        return await resolver.resolve4(query.name);
      case 'AAAA':
        return (await resolver.resolve6(query.name)).map(normalize);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    // No such name or no record of the type: the record is missing. Anything else (a timeout, a
    // refused query) is logged and reads as missing too, so the next check can set it right.
    if (code !== dns.NOTFOUND && code !== dns.NODATA) {
      deps.logger.warn({ err: error, query }, 'e-mail DNS check: lookup failed');
    }
    return [];
  }
}

/**
 * Checks the DNS records of the workspace's domains (only `name`, when given) and stores what it
 * found: each record's `valid` and `cached`, the domain's `state`, and every mapping's
 * `dnsVerified`. Written only when something changed.
 */
export async function verifyDomains(deps: DnsDeps, teamId: string, name?: string) {
  const api = new EmailApi(deps);
  const { domains } = await api.read(teamId);
  const checks = (domain: EmailDomain) => name === undefined || domain.name === name;
  const queries = domains.filter(checks).flatMap(dnsQueries);
  const answers = new Map(
    await Promise.all(queries.map(async (q) => [queryKey(q), await lookUp(deps, q)] as const)),
  );
  // What DNS said goes onto the lists as stored when written: a domain or mapping added or
  // changed while the lookups ran is kept (its new records read as missing until the next check).
  await api.change(teamId, (current) => {
    const checked = current.domains.map((domain) =>
      checks(domain) ? checkedDomain(domain, answers) : domain,
    );
    const next = { domains: checked, mappings: verifiedMappings(current.mappings, checked) };
    return JSON.stringify(next) === JSON.stringify(current) ? undefined : next;
  });
}

/** `POST /api/v1/email/domains`: adds the domain, then checks its DNS at once. */
export async function addDomain(deps: DnsDeps, teamId: string, input: EmailDomainCreate) {
  const api = new EmailApi(deps);
  const added = await api.addDomain(teamId, input);
  await verifyDomains(deps, teamId, added.name);
  return api.domain(teamId, added.name);
}

/** `POST /api/v1/email/domains/{name}/verify`: checks one domain's DNS now. */
export async function verifyDomain(deps: DnsDeps, teamId: string, name: string) {
  const api = new EmailApi(deps);
  const domain = await api.domain(teamId, name);
  await verifyDomains(deps, teamId, domain.name);
  return api.domain(teamId, domain.name);
}

/** The daily check: every workspace that registers domains, one after another. */
export async function verifyAllDomains(deps: DnsDeps): Promise<number> {
  const teams = await teamsWithDomains(deps.models);
  for (const teamId of teams) await verifyDomains(deps, teamId);
  return teams.length;
}
