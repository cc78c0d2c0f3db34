import { IANAZone } from 'luxon';
import { z } from 'zod';

/** A Slack conversation id: public (`C…`), private (`G…`) or direct-message (`D…`) channel. */
export const SlackChannelId = z
  .string()
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'Expected a Slack channel id such as C0123ABCD');

/** A Slack user id (`U…`, or `W…` on Enterprise Grid). */
export const SlackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'Expected a Slack user id such as U0123ABCD');

/** A Slack bot id (`B…`), as found in `bot_id` of a message event. */
export const SlackBotId = z
  .string()
  .regex(/^B[A-Z0-9]{2,}$/, 'Expected a Slack bot id such as B0123ABCD');

/** A wall-clock time `HH:mm` from 00:00 to 23:59. */
export const HHMM = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'Expected a time as HH:mm between 00:00 and 23:59');

/** The end of an opening interval: `HH:mm`, or `24:00` for "until midnight". */
export const HHMMEnd = z
  .string()
  .regex(
    /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/,
    'Expected a time as HH:mm between 00:00 and 24:00',
  );

/** A calendar date `YYYY-MM-DD` that exists (zod's ISO date checks month lengths and leap years). */
export const IsoDate = z.iso.date({ error: 'Expected a real calendar date as YYYY-MM-DD' });

/**
 * An IANA time-zone name such as `Europe/Berlin` or `UTC`. Checked with luxon (the ICU data of
 * the running Node), which also accepts legacy aliases (`US/Eastern`, `Europe/Kiev`) but not
 * bare offsets like `+05:00`.
 */
export const IanaTimeZone = z
  .string()
  .max(64)
  .refine((zone) => IANAZone.isValidZone(zone), {
    error: 'Expected an IANA time zone such as Europe/Berlin or UTC',
  });

/** Whole minutes, 0 to one year. */
export const Minutes = z.number().int().min(0).max(525_600);

/** Whole hours, 0 to one year. */
export const Hours = z.number().int().min(0).max(8_760);

/** An absolute http(s) URL. */
export const HttpUrl = z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }).max(2000);

/** A timestamp as stored by the email provider (ISO 8601 or RFC 2822); anything `Date` parses. */
export const Timestamp = z
  .string()
  .max(100)
  .refine((value) => !Number.isNaN(Date.parse(value)), { error: 'Expected a timestamp' });

/** A short label, e.g. a tag or severity name. */
export const Name = z.string().min(1).max(200);

/** A `{ name, value }` pair: severities, tags and ticket types (`name` is shown, `value` stored). */
export const NamedValue = z.strictObject({
  name: Name.describe('The name shown to people.'),
  value: Name.describe('The value stored (unique in its list).'),
});
export type NamedValue = z.infer<typeof NamedValue>;

/** A list of {@link NamedValue}s whose `value`s are unique, so a stored value maps to one entry. */
export function namedValues(defaults: NamedValue[] = []) {
  return z
    .array(NamedValue)
    .max(100)
    .refine((items) => new Set(items.map((item) => item.value)).size === items.length, {
      error: 'Values must be unique',
    })
    .default(defaults);
}

/** How a {@link ChannelCondition} compares a channel name with its `value`. */
export const ChannelConditionKind = z.enum([
  'starts_with',
  'ends_with',
  'contains',
  'equals',
  'regex',
]);

/**
 * A rule matched against a channel's name, e.g. `{ condition: 'starts_with', value: 'ext-' }`.
 * With `regex`, `value` is a JavaScript regular expression (no flags) and must compile.
 */
export const ChannelCondition = z
  .strictObject({
    condition: ChannelConditionKind.describe("How the channel's name is compared with value."),
    value: z
      .string()
      .min(1)
      .max(200)
      .describe('The text (or, with regex, the JavaScript regular expression) compared with.'),
  })
  .superRefine((rule, ctx) => {
    if (rule.condition !== 'regex') return;
    try {
      new RegExp(rule.value);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Invalid regular expression' });
    }
  });
export type ChannelCondition = z.infer<typeof ChannelCondition>;

/**
 * What a secret setting reads as wherever settings are shown: `{ "set": true }`. Writing it back
 * (a client round-tripping what it read) keeps the stored secret.
 */
export const SecretIsSet = z.strictObject({ set: z.literal(true) });
export type SecretIsSet = z.infer<typeof SecretIsSet>;

/** The schemas made by {@link secret}: the one mark that a setting holds a credential. */
const SECRET_SCHEMAS = new WeakSet<z.ZodType>();

/**
 * A credential (a password, token or API key): written as text, stored encrypted
 * (`secrets.ts`), shown only as {@link SecretIsSet}; `null` when not set.
 */
export function secret(plaintext: z.ZodString, description: string) {
  const schema = z.union([plaintext, SecretIsSet]).nullable().default(null).describe(description);
  SECRET_SCHEMAS.add(schema);
  return schema;
}

/** Whether `schema` (or a schema it wraps) was made by {@link secret}. */
export function isSecretSchema(schema: z.ZodType): boolean {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (SECRET_SCHEMAS.has(current)) return true;
    const def = current.def as { innerType?: z.ZodType };
    current = def.innerType;
  }
  return false;
}
