import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { TestBot, TestBotOptions } from '../../support/bot.js';
import { selfSignedCertificate } from '../../support/smtp-tls.js';
import { CHANNEL, customerWorld } from '../requests/world.js';

export const SUPPORT = 'support@acme.test';
export const SECURE = 'help@secure.test';
export const BLOCKED = 'old@acme.test';
export const FILTERED = 'inbox@strict.test';
export const EXTRA = ['billing@acme.test', 'sales@acme.test', 'ops@acme.test'];

/** The settings that map the test addresses to #ext-acme. */
export const EMAIL_SETTINGS = {
  emailToSlack: {
    domains: [
      { name: 'secure.test', require_tls: true },
      { name: 'strict.test', spam_action: 'block' },
      { name: 'acme.test', spam_action: 'tag' },
    ],
    mappings: [
      { email: SUPPORT, channelId: CHANNEL, name: 'Acme support' },
      { email: SECURE, channelId: CHANNEL, name: 'Secure help' },
      { email: FILTERED, channelId: CHANNEL, name: 'Strict inbox' },
      { email: BLOCKED, channelId: CHANNEL, name: 'Old address', emailBlockingEnabled: true },
      ...EXTRA.map((email) => ({ email, channelId: CHANNEL, name: email })),
    ],
  },
};

/**
 * #ext-acme of the requests world, with e-mail addresses mapped to it and the bot's SMTP
 * listener on a free port offering STARTTLS with a certificate made for the run.
 */
export async function emailWorld(env: Record<string, string> = {}, options: TestBotOptions = {}) {
  const tls = selfSignedCertificate();
  const t = await customerWorld(EMAIL_SETTINGS, {
    ...options,
    env: {
      SMTP_PORT: '0',
      SMTP_TLS_CERT: tls.cert,
      SMTP_TLS_KEY: tls.key,
      SMTP_MAX_BYTES: '20000',
      SMTP_MAX_RECIPIENTS: '3',
      ...env,
      ...options.env,
    },
  });
  return t;
}

/** An SMTP client to the bot: STARTTLS when offered (our certificate is self-signed), or plain. */
export function mailer(t: TestBot, { plain = false } = {}) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: t.bot.smtpPort as number,
    secure: false,
    ignoreTLS: plain,
    requireTLS: !plain,
    tls: { rejectUnauthorized: false },
  } satisfies SMTPTransport.Options);
}

/** What an SMTP refusal carried, for asserting on the code the sender's server sees. */
export async function refusal(sending: Promise<unknown>) {
  try {
    await sending;
  } catch (error) {
    const { responseCode, response } = error as { responseCode?: number; response?: string };
    return { responseCode, response };
  }
  throw new Error('the message was taken');
}
