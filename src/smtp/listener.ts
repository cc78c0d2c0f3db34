import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail as Parsed } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { BotDeps } from '../deps.js';
import {
  EmailInbound,
  type Delivery,
  type ParsedMail,
  type Target,
} from '../services/email/inbound.js';

/** A running SMTP listener. */
export interface SmtpListener {
  port: number;
  stop(): Promise<void>;
}

/** An SMTP error reply: smtp-server sends `responseCode` and the message. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Targets found at `RCPT TO`, by session, for `DATA`. */
const targetsOf = new WeakMap<SMTPServerSession, Target[]>();

/**
 * Inbound SMTP (issue 15), on `SMTP_PORT`: Nodemailer's `smtp-server` speaks the protocol
 * (STARTTLS with `SMTP_TLS_CERT`/`SMTP_TLS_KEY`, SIZE), `mailparser` reads the message, and
 * `EmailInbound` decides each recipient and posts the message. No AUTH: this is an MX, not a
 * submission server; anyone may send, only to mapped addresses.
 */
export async function startSmtp(deps: BotDeps, port: number): Promise<SmtpListener> {
  const { env, logger } = deps;
  const inbound = new EmailInbound(deps);
  const tls =
    env.SMTP_TLS_CERT && env.SMTP_TLS_KEY
      ? { cert: readFileSync(env.SMTP_TLS_CERT), key: readFileSync(env.SMTP_TLS_KEY) }
      : undefined;
  const server = new SMTPServer({
    ...(tls ?? { hideSTARTTLS: true }),
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH'],
    size: env.SMTP_MAX_BYTES,
    banner: 'Triage bot inbound mail',
    logger: false,
    onRcptTo(address, session, callback) {
      const taken = targetsOf.get(session) ?? [];
      if (taken.length >= env.SMTP_MAX_RECIPIENTS) {
        callback(smtpError(452, `4.5.3 Too many recipients (at most ${env.SMTP_MAX_RECIPIENTS})`));
        return;
      }
      inbound.recipient(address.address, session.secure).then(
        (decision) => {
          if (!decision.accept) return callback(smtpError(decision.code, decision.message));
          targetsOf.set(session, [...taken, decision as Target]);
          callback();
        },
        (error: unknown) => {
          logger.error({ err: error }, 'smtp: recipient check failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const targets = targetsOf.get(session) ?? [];
      receive(stream, env.SMTP_MAX_BYTES)
        .then(async (mail) => {
          if (stream.sizeExceeded || !mail) {
            return { ok: false, code: 552, message: '5.3.4 Message too big' } as Delivery;
          }
          const sender = session.envelope.mailFrom;
          return inbound.deliver(
            { ...mail, envelopeFrom: sender ? sender.address : null },
            targets,
          );
        })
        .then(
          (delivery) => {
            targetsOf.delete(session);
            callback(delivery.ok ? null : smtpError(delivery.code, delivery.message));
          },
          (error: unknown) => {
            targetsOf.delete(session);
            logger.error({ err: error }, 'smtp: delivery failed');
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          },
        );
    },
  });
  server.on('error', (error) => logger.warn({ err: error }, 'smtp: session error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  logger.info({ port: actual, starttls: !!tls }, 'smtp listening');
  return {
    port: actual,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Parses the message; null once it passed the size limit (the rest is read and dropped). */
async function receive(
  stream: NodeJS.ReadableStream & { sizeExceeded?: boolean },
  max: number,
): Promise<ParsedMail | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  if (size > max || stream.sizeExceeded) return null;
  return toMail(await simpleParser(Buffer.concat(chunks)));
}

function toMail(parsed: Parsed): ParsedMail {
  const from = (parsed.from as AddressObject | undefined)?.value[0];
  const references = [
    ...(parsed.inReplyTo ? [parsed.inReplyTo] : []),
    ...(Array.isArray(parsed.references)
      ? parsed.references
      : parsed.references
        ? [parsed.references]
        : []),
  ];
  const header = (name: string): string[] => {
    const value = parsed.headers.get(name);
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map((item) =>
      typeof item === 'string' ? item : JSON.stringify(item),
    );
  };
  /** A header as written (mailparser turns address headers such as Return-Path into objects). */
  const raw = (name: string): string | null => {
    const line = parsed.headerLines.find((entry) => entry.key === name)?.line;
    return line === undefined ? null : line.slice(line.indexOf(':') + 1).trim();
  };
  return {
    messageId: parsed.messageId ?? null,
    references,
    fromName: from?.name || null,
    fromAddress: from?.address ?? '',
    subject: parsed.subject ?? null,
    text: parsed.text ?? '',
    attachments: parsed.attachments.map((file) => file.filename ?? 'attachment'),
    authenticationResults: header('authentication-results'),
    spamFlag: header('x-spam-flag')[0] ?? null,
    autoSubmitted: raw('auto-submitted'),
    precedence: raw('precedence'),
    xAutoreply: raw('x-autoreply'),
    xAutoResponseSuppress: raw('x-auto-response-suppress'),
    returnPath: raw('return-path'),
    forwardedTo: [raw('x-forwarded-to'), raw('x-forwarded-for')].filter((v) => v !== null),
    envelopeFrom: null,
  };
}
