import { z } from 'zod';
import type { ErrorDetail } from '../errors.js';
import {
  EmailDomain,
  EmailMapping,
  ReceivingDnsRecord,
  SendingDnsRecord,
} from '../settings/features/email-to-slack.js';

/**
 * The HTTP API over `emailToSlack` (issue 15): what clients may write of a domain and a mapping,
 * and the keys the bot computes, which a write may not carry (a 422 naming the key rather than
 * a silently dropped value). Pure.
 */

/** Keys the bot computes: DNS results, verification, webhook times and the domain's state. */
export const COMPUTED_KEYS = {
  domain: ['state', 'created_at', 'valid', 'is_active', 'cached'],
  mapping: [
    'dnsVerified',
    'emailForwardingVerified',
    'emailReceivingVerified',
    'deliveredWebhookCreatedAt',
    'failureWebhookCreatedAt',
  ],
} as const;

/** A 422 entry for each computed key in `body` (and in its DNS records, for a domain). */
export function computedKeysIn(kind: 'domain' | 'mapping', body: unknown): ErrorDetail[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const keys: readonly string[] = COMPUTED_KEYS[kind];
  const found: (string | number)[][] = Object.keys(body)
    .filter((key) => keys.includes(key))
    .map((key) => [key]);
  for (const list of ['receiving_dns_records', 'sending_dns_records']) {
    const records = (body as Record<string, unknown>)[list];
    if (kind !== 'domain' || !Array.isArray(records)) continue;
    records.forEach((record: unknown, index) => {
      if (typeof record !== 'object' || record === null) return;
      for (const key of Object.keys(record)) {
        if (keys.includes(key)) found.push([list, index, key]);
      }
    });
  }
  return found.map((loc) => ({
    loc: ['body', ...loc],
    msg: `${String(loc.at(-1))} is computed by the bot and cannot be written`,
    type: 'read_only',
  }));
}

const receivingInput = ReceivingDnsRecord.pick({ record_type: true, value: true, priority: true });
const sendingInput = SendingDnsRecord.pick({ record_type: true, name: true, value: true });

/** `POST /api/v1/email/domains`: a domain and the DNS records it should publish. */
export const EmailDomainCreate = EmailDomain.pick({
  name: true,
  require_tls: true,
  skip_verification: true,
  wildcard: true,
  spam_action: true,
  smtp_login: true,
  smtp_password: true,
  type: true,
})
  .extend({
    receiving_dns_records: z.array(receivingInput).max(20).default([]),
    sending_dns_records: z.array(sendingInput).max(20).default([]),
  })
  .meta({ id: 'EmailDomainCreate' });
export type EmailDomainCreate = z.infer<typeof EmailDomainCreate>;

/** `PATCH /api/v1/email/domains/{name}`: any writable key but the name. */
export const EmailDomainUpdate = EmailDomainCreate.omit({ name: true })
  .partial()
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'EmailDomainUpdate' });
export type EmailDomainUpdate = z.infer<typeof EmailDomainUpdate>;

/** `POST /api/v1/email/mappings`: an address whose mail goes to a channel. */
export const EmailMappingCreate = EmailMapping.omit({
  dnsVerified: true,
  emailForwardingVerified: true,
  emailReceivingVerified: true,
  deliveredWebhookCreatedAt: true,
  failureWebhookCreatedAt: true,
}).meta({ id: 'EmailMappingCreate' });
export type EmailMappingCreate = z.infer<typeof EmailMappingCreate>;

/** `PATCH /api/v1/email/mappings/{email}`: any writable key but the address. */
export const EmailMappingUpdate = EmailMappingCreate.omit({ email: true })
  .partial()
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'EmailMappingUpdate' });
export type EmailMappingUpdate = z.infer<typeof EmailMappingUpdate>;

/** A domain as the API shows it (its SMTP password as `{"set": true}` when set). */
export const EmailDomainResponse = EmailDomain.meta({ id: 'EmailDomain' });
/** A mapping as the API shows it. */
export const EmailMappingResponse = EmailMapping.meta({ id: 'EmailMapping' });

/** `POST /api/v1/email/domains/{name}/verify`: an empty JSON object (a write carries a body). */
export const EmailDomainVerify = z.strictObject({}).meta({ id: 'EmailDomainVerify' });

/** `{name}` and `{email}` path parameters. */
export const EmailDomainParams = z.strictObject({ name: z.string().min(1).max(253) });
export const EmailMappingParams = z.strictObject({ email: z.string().min(1).max(320) });

/** A new domain as stored: unverified until its DNS is checked, created now. */
export function newDomain(input: EmailDomainCreate, now: Date): z.input<typeof EmailDomain> {
  return {
    ...input,
    name: input.name.toLowerCase(),
    state: input.skip_verification ? 'active' : 'unverified',
    created_at: now.toISOString(),
    receiving_dns_records: input.receiving_dns_records.map((r) => ({ ...r, valid: false })),
    sending_dns_records: input.sending_dns_records.map((r) => ({ ...r, valid: false })),
  };
}

/**
 * The keys of a parsed update that the body gave: a partial schema still fills in the defaults
 * of the keys left out, which would reset them.
 */
export function givenKeys<T extends object>(parsed: T, body: unknown): Partial<T> {
  const given = new Set(typeof body === 'object' && body !== null ? Object.keys(body) : []);
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => given.has(key))) as Partial<T>;
}
