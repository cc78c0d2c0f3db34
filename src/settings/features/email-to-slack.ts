import { z } from 'zod';
import { Name, SlackChannelId, Timestamp, secret } from '../primitives.js';
import { flag } from './requests-config.js';

/** A DNS record the email provider asks the customer to publish. */
const dnsRecord = (direction: 'receiving' | 'sending') => ({
  is_active: flag(true, `Indicates if the DNS record for ${direction} emails is active.`),
  cached: z
    .array(z.string().max(2000))
    .max(50)
    .default([])
    .describe(`Cached DNS records (values last seen in DNS) for ${direction} emails.`),
  record_type: z
    .enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT'])
    .describe(`The type of DNS record for ${direction} emails (e.g., 'MX', 'TXT').`),
  valid: flag(false, `Indicates if the DNS record for ${direction} emails is valid.`),
  value: z.string().min(1).max(2000).describe('The value of the DNS record.'),
});

/** An MX record for receiving mail; `priority` is a decimal string as the provider returns it. */
export const ReceivingDnsRecord = z.strictObject({
  ...dnsRecord('receiving'),
  priority: z
    .string()
    .regex(/^\d{1,5}$/, 'Expected a number such as 10')
    .nullable()
    .default(null)
    .describe("Priority for the DNS record (e.g., '10')."),
});

/** An SPF/DKIM/tracking record for sending mail. */
export const SendingDnsRecord = z.strictObject({
  ...dnsRecord('sending'),
  name: z.string().min(1).max(253).describe('Name of the DNS record for sending emails.'),
});

/** A mail domain registered with the email provider (synced from it, not typed by users). */
export const EmailDomain = z.strictObject({
  name: z.hostname().max(253).describe('The name of the domain for email-to-Slack communication.'),
  require_tls: flag(false, 'Indicates if TLS is required for the domain.'),
  skip_verification: flag(false, 'Indicates if verification is skipped for the domain.'),
  state: z
    .enum(['active', 'unverified', 'disabled'])
    .default('unverified')
    .describe("The state of the domain (e.g., 'active')."),
  wildcard: flag(false, 'Indicates if the domain is a wildcard domain.'),
  spam_action: z
    .enum(['disabled', 'block', 'tag'])
    .default('disabled')
    .describe("Action taken for spam messages on the domain (e.g., 'disabled')."),
  created_at: Timestamp.nullable()
    .default(null)
    .describe('The timestamp when the domain was created.'),
  smtp_password: secret(
    z.string().min(1).max(200),
    'The SMTP password for the domain: write-only, stored encrypted, shown as {"set": true}.',
  ),
  smtp_login: z
    .string()
    .max(320)
    .nullable()
    .default(null)
    .describe('The SMTP login for the domain.'),
  type: z
    .enum(['custom', 'sandbox'])
    .default('custom')
    .describe("The type of domain (e.g., 'custom')."),
  receiving_dns_records: z
    .array(ReceivingDnsRecord)
    .max(20)
    .default([])
    .describe('DNS records (MX) to publish for receiving emails.'),
  sending_dns_records: z
    .array(SendingDnsRecord)
    .max(20)
    .default([])
    .describe('DNS records (SPF, DKIM, tracking) to publish for sending emails.'),
});

/** An inbound address whose mail is posted into a Slack channel. */
export const EmailMapping = z.strictObject({
  email: z.email().max(320).describe('The email address used for email-to-Slack mapping.'),
  customEmail: z
    .email()
    .max(320)
    .nullable()
    .default(null)
    .describe('The custom email address used for email-to-Slack mapping.'),
  channelId: SlackChannelId.describe('The Slack channel ID for the email-to-Slack mapping.'),
  name: Name.describe('The name of the email-to-Slack mapping.'),
  description: z
    .string()
    .max(1000)
    .default('')
    .describe('Description of the email-to-Slack mapping.'),
  dnsVerified: flag(false, 'Indicates if DNS verification is completed for the mapping.'),
  emailForwardingVerified: flag(
    false,
    'Indicates if email forwarding is verified for the mapping.',
  ),
  emailReceivingVerified: flag(false, 'Indicates if email receiving is verified for the mapping.'),
  deliveredWebhookCreatedAt: Timestamp.nullable()
    .default(null)
    .describe('Timestamp when the webhook for delivered emails was created.'),
  failureWebhookCreatedAt: Timestamp.nullable()
    .default(null)
    .describe('Timestamp when the webhook for failed emails was created.'),
  emailBlockingEnabled: flag(false, 'Indicates if email blocking is enabled for the mapping.'),
});

/** `emailToSlack`: customers email an address and the mail arrives as a request in Slack. */
export const EmailToSlack = z
  .strictObject({
    // Names are unique: a secret written back as {"set": true} is matched to its domain by name.
    domains: z
      .array(EmailDomain)
      .max(50)
      .refine((list) => new Set(list.map((domain) => domain.name)).size === list.length, {
        error: 'Domain names must be unique',
      })
      .default([])
      .describe('Mail domains registered with the email provider, unique by name.'),
    mappings: z
      .array(EmailMapping)
      .max(500)
      .default([])
      .describe('Inbound addresses whose mail is posted into a Slack channel.'),
  })
  .prefault({});
export type EmailDomain = z.infer<typeof EmailDomain>;
export type EmailMapping = z.infer<typeof EmailMapping>;
