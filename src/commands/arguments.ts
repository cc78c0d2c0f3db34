import { z } from 'zod';
import { CustomFieldCreate, type FieldType } from '../custom-fields/definition.js';
import { MAX_ESCALATION_REASON } from '../requests/escalation.js';
import { normalizeKey } from '../settings/index.js';

/** The arguments `/triage` subcommands take, each a zod schema with the message a person reads. */

/** A dotted setting key (`features.` prefix optional); quotes get their own message. */
export const SettingKey = z
  .string({ error: 'Give a setting key, such as requests.config.send_feedback' })
  .refine(
    (key) => !/["'“”‘’]/.test(key),
    'Write the key without quotes: only a value may be quoted',
  )
  .max(300, 'A setting key has at most 300 characters')
  .regex(/^\w+(?:\.\w+)*$/, 'A setting key is dotted words, such as requests.config.send_feedback')
  .transform(normalizeKey);

const JSON_START = /^["“[{]/;
const SINGLE_QUOTED = /^(?:'[\s\S]*'|‘[\s\S]*’)$/;

/**
 * `config set`'s value: JSON when it parses (`true`, `15`, `"text"`, `["B123"]`), else the text as
 * typed, so `Hello there` needs no quotes. Text that starts like JSON but does not parse is refused
 * rather than stored with its stray quote or bracket. Curly quotes (phones and macOS put them in)
 * count as straight ones.
 */
export const SettingValue = z
  .string({ error: 'Give a value after the key' })
  .min(1, 'Give a value after the key')
  .transform((raw, ctx) => {
    let problem = '';
    const candidates = JSON_START.test(raw) ? [raw, raw.replace(/[“”]/g, '"')] : [raw];
    for (const candidate of candidates) {
      try {
        return JSON.parse(candidate) as unknown;
      } catch (error) {
        problem ||= (error as Error).message;
      }
    }
    if (SINGLE_QUOTED.test(raw)) {
      ctx.addIssue({
        code: 'custom',
        input: raw,
        message: 'Single quotes are not JSON: quote text with "double quotes", or leave them off',
      });
    } else if (JSON_START.test(raw)) {
      ctx.addIssue({
        code: 'custom',
        input: raw,
        message: `The value starts like JSON but is not valid JSON (${problem}): close every quote and bracket, or leave the quotes off plain text`,
      });
    } else return raw;
    return z.NEVER;
  });

/** A channel as typed after `setup customer`: `<#C123|name>` (escaped), `#name` or an id. */
export const ChannelRef = z.string().transform((raw, ctx): { id: string } | { name: string } => {
  const mention = /^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(raw);
  if (mention) return { id: mention[1] as string };
  if (/^[CG][A-Z0-9]{2,}$/.test(raw)) return { id: raw };
  const named = /^#([^\s#<>|]{1,80})$/u.exec(raw);
  if (named) return { name: (named[1] as string).toLowerCase() };
  ctx.addIssue({
    code: 'custom',
    input: raw,
    message: `"${raw}" is not a channel: mention it, as in #support-triage`,
  });
  return z.NEVER;
});

const NOT_A_REQUEST_REF =
  "paste the link to the customer's message (its ⋯ menu → Copy link) or the request id";
/** What a command that needs a request says when none was given. */
export const SAY_WHICH_REQUEST = `Say which request: ${NOT_A_REQUEST_REF}`;

/**
 * Which request `escalate` means: a message link as Slack's *Copy link* gives it (`<…>` when
 * Slack formatted it; a reply's link names its thread in `thread_ts`) or a request id. Slack
 * sends no thread with a slash command, so the link is how a thread is named.
 */
export const RequestRef = z
  .string({ error: SAY_WHICH_REQUEST })
  .transform((raw, ctx): { id: string } | { channelId: string; ts: string } => {
    if (/^[0-9a-f]{24}$/i.test(raw)) return { id: raw.toLowerCase() };
    const link = /^<?(https:\/\/[^\s|<>]+)(?:\|[^>]*)?>?$/.exec(raw)?.[1];
    const url = link && URL.canParse(link) ? new URL(link) : undefined;
    const path = url && /^\/archives\/([CG][A-Z0-9]{2,})\/p(\d{10})(\d{6})$/.exec(url.pathname);
    if (path) {
      const thread = url.searchParams.get('thread_ts');
      const ts = thread && /^\d{10}\.\d{6}$/.test(thread) ? thread : `${path[2]}.${path[3]}`;
      return { channelId: path[1] as string, ts };
    }
    ctx.addIssue({
      code: 'custom',
      input: raw,
      message: `"${clip(raw)}" is not a request: ${NOT_A_REQUEST_REF}`,
    });
    return z.NEVER;
  });
export type RequestRef = z.output<typeof RequestRef>;

/** Why a request is escalated, as typed after its link; shown in the escalation channel. */
export const EscalationReason = z
  .string()
  .max(MAX_ESCALATION_REASON, `Keep the reason under ${MAX_ESCALATION_REASON} characters`)
  .optional();

const FIELD_TYPES: Record<string, FieldType> = {
  text: 'text',
  number: 'number',
  list: 'list',
  select: 'list',
  date: 'date',
};

/**
 * `fields add`'s arguments: a name (one word, or quoted with straight or curly quotes), a type
 * (`text`, `number`, `list` or `select`, `date`) and, for a list, its options separated by commas.
 */
export const FieldSpec = z
  .string({ error: 'Give the field a name and a type, as in "Contract tier" list Gold, Silver' })
  .transform((raw, ctx) => {
    const match = /^(?:["“]([^"”]+)["”]|(\S+))\s*(\S*)\s*([\s\S]*)$/.exec(raw.trim());
    const type = FIELD_TYPES[(match?.[3] ?? '').toLowerCase()];
    if (!match || !type) {
      const typed = match?.[3] ? `"${clip(match[3])}" is not a field type: ` : 'Give a type: ';
      ctx.addIssue({ code: 'custom', input: raw, message: `${typed}text, number, list or date` });
      return z.NEVER;
    }
    const options = (match[4] ?? '').split(',').map((option) => option.trim());
    const parsed = CustomFieldCreate.safeParse({
      attribute_display_name: match[1] ?? match[2],
      attribute_display_type: type,
      attribute_values: options.filter(Boolean),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const part = String(issue?.path[0] ?? '').replace(/^attribute_(display_)?/, '');
      const message = `The field's ${part.replace('values', 'options')}: ${issue?.message}`;
      ctx.addIssue({ code: 'custom', input: raw, message });
      return z.NEVER;
    }
    return parsed.data;
  });

/** Text quoted back in a reply, cut to a length that keeps the reply readable. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
