import { existsSync } from 'node:fs';
import { z } from 'zod';
import { AiFields } from './env-ai.js';

export { AiEnv } from './env-ai.js';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * A 32-byte AES-256 key as 64 hex digits or base64 (standard or URL-safe, padding optional),
 * e.g. from `openssl rand -base64 32`.
 */
const EncryptionKey = z.string().transform((text, ctx) => {
  const hex = /^[0-9a-fA-F]{64}$/.test(text);
  const base64 = /^[A-Za-z0-9+/_-]{43}=?$/.test(text);
  const key = hex ? Buffer.from(text, 'hex') : base64 ? Buffer.from(text, 'base64') : undefined;
  if (key?.length === 32) return key;
  ctx.addIssue({
    code: 'custom',
    message: 'must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)',
  });
  return z.NEVER;
});

/**
 * The process environment (DESIGN.md §7). This is the only module that reads `process.env`.
 * HTTP mode needs `SLACK_SIGNING_SECRET`; Socket Mode needs `SLACK_APP_TOKEN`. A single
 * workspace runs on `SLACK_BOT_TOKEN`; a multi-workspace install uses the OAuth trio instead.
 */
const EnvFields = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, 'must be the app signing secret').optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token starting with xapp-')
    .optional(),
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z.string().min(8).optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => (url.endsWith('/') ? url : `${url}/`))
    .optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// URI')
    .optional(),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0)
    .max(65535)
    .default(3000),
  LOG_LEVEL: LogLevel.default('info'),
  /**
   * The address people reach the bot at (e.g. https://triage.example.com), without a trailing
   * slash: for the dashboard's sign-in links (unset: http://localhost:PORT) and the open-tracking
   * pixel of e-mail replies (unset: no pixel).
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Days a stored thread message keeps its text; then housekeeping blanks it (counts stay). */
  MESSAGE_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1)
    .max(36_500)
    .default(90),
  /** Encrypts secrets in settings (e.g. SMTP passwords); needed once one is written. */
  SETTINGS_ENCRYPTION_KEY: EncryptionKey.optional(),
  /** Lets webhooks reach private, loopback and link-local addresses (tests, local setups). */
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  /** Lets the knowledge-base crawler fetch private, loopback and link-local addresses (tests). */
  KB_ALLOW_PRIVATE: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  /** The most pages one crawl of `knowledge_base_url` reads. */
  KB_MAX_PAGES: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(10_000)
    .default(200),
  /** The most bytes of one page (or sitemap) the crawler reads; a larger one is skipped. */
  KB_MAX_PAGE_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int()
    .min(1_000)
    .max(50_000_000)
    .default(2_000_000),
  /** How often each instance looks for webhook events to store and deliveries to send. */
  WEBHOOK_POLL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(10)
    .max(60_000)
    .default(1_000),
  /** Inbound e-mail (issue 15): the SMTP port to listen on; unset, no SMTP listener (0: a free port). */
  SMTP_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0)
    .max(65535)
    .optional(),
  /** The certificate and key (PEM files) STARTTLS offers; without them sessions stay plain text. */
  SMTP_TLS_CERT: z.string().min(1).optional(),
  SMTP_TLS_KEY: z.string().min(1).optional(),
  /** The largest message taken, in bytes (advertised as SIZE; bigger ones get 552). */
  SMTP_MAX_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int()
    .min(1_024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** The most recipients one message may have (more get 452). */
  SMTP_MAX_RECIPIENTS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(1_000)
    .default(20),
  /** Where agents' replies to e-mail customers are sent: smtp(s)://[user:pass@]host:port. */
  SMTP_RELAY_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  /** How often each instance looks for e-mail replies to send (or send again). */
  EMAIL_POLL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(10)
    .max(60_000)
    .default(1_000),
  /** Web requests (issue 12): the most support-form posts one IP address may make in 10 minutes. */
  WEB_FORM_RATE_LIMIT: z.coerce
    .number({ error: 'must be a number of posts' })
    .int()
    .min(1)
    .max(10_000)
    .default(10),
  /**
   * Express's `trust proxy` for a bot behind a load balancer or reverse proxy: a hop count
   * (`1`), `true`, or addresses/subnets (`loopback`, `10.0.0.0/8`), so the client's IP (the web
   * form's rate limit) is read from `X-Forwarded-For`. Unset: the socket's address.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/, -]+$/, 'must be a hop count, true, or addresses/subnets such as loopback')
    .transform((value) =>
      /^\d+$/.test(value)
        ? Number(value)
        : value === 'true'
          ? true
          : value === 'false'
            ? false
            : value,
    )
    .optional(),
  /** The DNS server e-mail domain checks ask (host or host:port); unset, the system's. */
  DNS_SERVER: z
    .string()
    .regex(/^[\w.:[\]-]+$/, 'must be a host or host:port such as 127.0.0.1:53')
    .optional(),
  ...AiFields.shape,
});

export const Env = EnvFields.superRefine((env, ctx) => {
  const oauth = env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET;
  if (!env.SLACK_BOT_TOKEN && !oauth) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_BOT_TOKEN'],
      message: 'required (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for OAuth installs)',
    });
  }
  if (oauth && !env.SLACK_STATE_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_STATE_SECRET'],
      message: 'required with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET',
    });
  }
  if (!env.SMTP_TLS_CERT !== !env.SMTP_TLS_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: [env.SMTP_TLS_CERT ? 'SMTP_TLS_KEY' : 'SMTP_TLS_CERT'],
      message: 'required with SMTP_TLS_CERT/SMTP_TLS_KEY (STARTTLS needs both)',
    });
  }
  if (env.AI_BASE_URL && !env.AI_MODEL) {
    ctx.addIssue({ code: 'custom', path: ['AI_MODEL'], message: 'required with AI_BASE_URL' });
  }
  if (!env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_SIGNING_SECRET'],
      message: 'required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    });
  }
});
export type Env = z.infer<typeof Env>;

/** The database part of the environment alone, for tools that need no Slack credentials. */
export const DbEnv = EnvFields.pick({ MONGODB_URI: true, DATA_DIR: true, LOG_LEVEL: true });
export type DbEnv = z.infer<typeof DbEnv>;

/** A start-up configuration problem; its message is the one line to print. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses an environment, turning every problem into one line that names the variable. */
export function parseEnv<S extends z.ZodType>(
  source: Record<string, string | undefined>,
  schema: S,
): z.infer<S> {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new EnvError(`Invalid environment: ${problems.join('; ')}`);
}

/** Reads `process.env` once, after loading `.env` from the working folder when there is one. */
export function loadEnv(): Env {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return parseEnv(process.env, Env);
}

/** Reads only the database variables of `process.env`. */
export function loadDbEnv(): DbEnv {
  return parseEnv(process.env, DbEnv);
}
