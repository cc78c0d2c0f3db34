import { z } from 'zod';
import { escapeMrkdwn, truncate } from '../text/mrkdwn.js';
import type { EmailMapping } from '../settings/features/email-to-slack.js';

/**
 * Web requests (issue 12): what the public support form takes, what a refused field is told,
 * and the bot's post for a submission in `web_request_redirection_channel`. Pure.
 */

/** The form's fields, as the page names them (`website` is the honeypot: people leave it empty). */
export const WEB_FORM_FIELDS = ['name', 'email', 'subject', 'message'] as const;
export type WebFormField = (typeof WEB_FORM_FIELDS)[number];

/** A form token: 128 random bits as hex, made with each empty form (the submission's identity). */
export const FormToken = z.string().regex(/^[0-9a-f]{32}$/);

/**
 * A submission as posted: every field a single string (a repeated or missing field, or no
 * token, is a malformed body, answered 400, not a page of field errors).
 */
export const WebFormBody = z.object({
  token: FormToken,
  name: z.string(),
  email: z.string(),
  subject: z.string(),
  message: z.string(),
  website: z.string().default(''),
});
export type WebFormBody = z.infer<typeof WebFormBody>;

/** The fields' rules: each refusal names its field on the re-rendered page. */
export const WebForm = z.object({
  name: z.string().trim().min(1, 'Please enter your name').max(100, 'At most 100 characters'),
  email: z
    .string()
    .trim()
    .max(254, 'At most 254 characters')
    .pipe(z.email('Please enter a valid e-mail address')),
  subject: z.string().trim().min(1, 'Please enter a subject').max(200, 'At most 200 characters'),
  message: z
    .string()
    .trim()
    .min(1, 'Please describe your request')
    .max(10_000, 'At most 10,000 characters'),
});
export type WebForm = z.infer<typeof WebForm>;

/** What a submission came to: the form's values, or each refused field's reason. */
export type WebFormCheck =
  { ok: true; form: WebForm } | { ok: false; errors: Partial<Record<WebFormField, string>> };

/** Checks a submission's fields (the first reason per field is shown). */
export function checkWebForm(body: WebFormBody): WebFormCheck {
  const parsed = WebForm.safeParse(body);
  if (parsed.success) return { ok: true, form: parsed.data };
  const errors: Partial<Record<WebFormField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as WebFormField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Whether a submission filled the honeypot (a bot filling every field): taken, never posted. */
export const isHoneypotted = (body: WebFormBody): boolean => body.website.trim() !== '';

/** Slack's text limit for a post's body, with room for the header lines. */
const BODY_MAX = 3500;

/**
 * The bot's post for a web request: "🌐 Web request from Name <address>", the subject in bold,
 * then the message; everything the submitter typed escaped, so it can mention or link no one.
 */
export function webPostText(form: WebForm): string {
  return [
    `🌐 Web request from ${escapeMrkdwn(`${form.name} <${form.email}>`)}`,
    `*${escapeMrkdwn(form.subject)}*`,
    truncate(escapeMrkdwn(form.message), BODY_MAX),
  ].join('\n');
}

/** The acknowledgement mailed to the submitter (`web_request_email_communication`). */
export function webAckText(form: WebForm, reference: string): string {
  return [
    `Hi ${form.name},`,
    '',
    `We received your request "${form.subject}" (reference ${reference}).`,
    'Our team will answer you by e-mail; you can reply to this message to add anything.',
    '',
    '> ' + form.message.split('\n').join('\n> '),
  ].join('\n');
}

/**
 * The address a web request's mail is sent from (its acknowledgement, agents' replies): the
 * first e-mail mapping of the redirection channel that takes mail (not blocked), so the
 * customer's answers to it come back into the same channel and thread. None: no mail is sent.
 */
export function webMailbox(
  mappings: readonly EmailMapping[],
  channelId: string,
): EmailMapping | undefined {
  return mappings.find(
    (mapping) => mapping.channelId === channelId && !mapping.emailBlockingEnabled,
  );
}
