import type { EmailDomain } from '../settings/features/email-to-slack.js';
import { domainFor } from './address.js';

/**
 * DNS checks of an e-mail domain (issue 15): which names to look up, and what the answers make of
 * its records (`valid`, `cached`), its `state` and its mappings' `dnsVerified`. Pure: the service
 * asks DNS (`node:dns`) and hands the answers here.
 */

type RecordType = EmailDomain['receiving_dns_records'][number]['record_type'];

/** One lookup: a record type at a name. */
export interface DnsQuery {
  type: RecordType;
  name: string;
}

/** Answers by `queryKey`: the values found (lower case, no trailing dot), [] for none. */
export type DnsAnswers = ReadonlyMap<string, readonly string[]>;

export const queryKey = (query: DnsQuery) => `${query.type} ${query.name.toLowerCase()}`;

/** MX records are the domain's own; a sending record is looked up at its `name`. */
export function dnsQueries(domain: EmailDomain): DnsQuery[] {
  const queries = [
    ...domain.receiving_dns_records.map((r) => ({ type: r.record_type, name: domain.name })),
    ...domain.sending_dns_records.map((r) => ({ type: r.record_type, name: r.name })),
  ];
  const unique = new Map<string, DnsQuery>();
  for (const query of queries) if (!unique.has(queryKey(query))) unique.set(queryKey(query), query);
  return [...unique.values()];
}

/** A DNS value compared as DNS does: case-insensitive, a trailing dot ignored. */
export const normalize = (value: string) => value.trim().replace(/\.$/, '').toLowerCase();

/**
 * The domain after a check: each record `valid` when DNS holds its value (an MX also with its
 * priority, when one is given) and `cached` with what DNS held; `state` `active` when every
 * active record (`is_active`) is valid (or verification is skipped), else `unverified`;
 * `disabled` stays.
 */
export function checkedDomain(domain: EmailDomain, answers: DnsAnswers): EmailDomain {
  const seen = (query: DnsQuery) => answers.get(queryKey(query)) ?? [];
  const receiving = domain.receiving_dns_records.map((record) => {
    const found = seen({ type: record.record_type, name: domain.name });
    const wanted = normalize(record.value);
    const valid = found.some((value) =>
      record.record_type === 'MX' && record.priority !== null
        ? value === `${Number(record.priority)} ${wanted}`
        : value === wanted || value.endsWith(` ${wanted}`),
    );
    return { ...record, valid, cached: [...found] };
  });
  const sending = domain.sending_dns_records.map((record) => {
    const found = seen({ type: record.record_type, name: record.name });
    return { ...record, valid: found.includes(normalize(record.value)), cached: [...found] };
  });
  // A record switched off (`is_active` false) is still looked up but does not decide the state.
  const records = [...receiving, ...sending].filter((record) => record.is_active);
  const verified = records.length > 0 && records.every((record) => record.valid);
  const state =
    domain.state === 'disabled'
      ? 'disabled'
      : domain.skip_verification || verified
        ? 'active'
        : 'unverified';
  return { ...domain, receiving_dns_records: receiving, sending_dns_records: sending, state };
}

/** Each mapping's `dnsVerified`: its address's domain is registered and active. */
export function verifiedMappings<M extends { email: string; dnsVerified: boolean }>(
  mappings: readonly M[],
  domains: readonly EmailDomain[],
): M[] {
  return mappings.map((mapping) => {
    const name = mapping.email.slice(mapping.email.lastIndexOf('@') + 1);
    return { ...mapping, dnsVerified: domainFor(domains, name)?.state === 'active' };
  });
}
