import { z } from 'zod';
import {
  ChannelRef,
  clip,
  EscalationReason,
  FieldSpec,
  RequestRef,
  SAY_WHICH_REQUEST,
  SettingKey,
  SettingValue,
} from './arguments.js';
import { Mentions, TeamName, teamArguments } from './team-arguments.js';
import { SUBCOMMANDS, type CommandName } from './usage.js';

export { RequestRef };

/** Longer input is refused before parsing: no setting needs more, and it bounds the work. */
export const MAX_COMMAND_LENGTH = 2000;

const keyed = <N extends CommandName>(name: N) =>
  z.object({ name: z.literal(name), key: SettingKey });

/** A parsed `/triage` command. */
export const Command = z.discriminatedUnion('name', [
  z.object({ name: z.literal('help'), unknown: z.string().optional() }),
  z.object({ name: z.literal('config'), prefix: SettingKey.optional() }),
  z.object({ name: z.literal('config set'), key: SettingKey, value: SettingValue }),
  keyed('config reset'),
  keyed('config lock'),
  keyed('config unlock'),
  z.object({ name: z.literal('setup customer'), triageChannel: ChannelRef.optional() }),
  z.object({ name: z.literal('setup triage') }),
  z.object({
    name: z.literal('requests'),
    /** `severity:<level>`: as typed; the channel's levels are checked where they are known. */
    severity: z.string().min(1).optional(),
    /** `tag:<tag>`, once per tag: requests with every one of them. */
    tags: z.array(z.string().min(1)).default([]),
  }),
  z.object({ name: z.literal('escalate'), request: RequestRef, reason: EscalationReason }),
  z.object({
    name: z.literal('reply'),
    /** Absent: list the workspace's codes. Looked up in lower case. */
    shortCode: z.string().max(100, 'That is not a short code: at most 50 characters').optional(),
    request: RequestRef.optional(),
  }),
  z.object({ name: z.literal('fields') }),
  z.object({ name: z.literal('fields add'), field: FieldSpec }),
  z.object({
    name: z.literal('fields remove'),
    key: z.string({ error: 'Say which field: its key, as /triage fields shows it' }),
  }),
  z.object({ name: z.literal('token') }),
  z.object({ name: z.literal('dashboard') }),
  z.object({ name: z.literal('email') }),
  z.object({ name: z.literal('away') }),
  z.object({ name: z.literal('back') }),
  z.object({ name: z.literal('team') }),
  z.object({ name: z.literal('team create'), team: TeamName }),
  z.object({ name: z.enum(['team add', 'team remove']), team: TeamName, users: Mentions }),
]);
export type Command = z.output<typeof Command>;

export type ParseResult =
  { ok: true; command: Command } | { ok: false; error: string; usage: string };

interface Candidate {
  name: CommandName;
  fields?: Record<string, string | string[] | undefined>;
  /** A word after the last argument. */
  extra?: string;
  problem?: string;
  usage?: string;
}

/**
 * Parses the text of a `/triage` command (what follows the command, as Slack sends it, with
 * `&amp;` `&lt;` `&gt;` escapes). Pure: the result names the subcommand and its arguments, or says
 * what is wrong together with that subcommand's usage line.
 */
export function parseCommand(text: string): ParseResult {
  const input = unescapeSlack(text).trim();
  const candidate = candidateOf(input);
  const usage = candidate.usage ?? SUBCOMMANDS[candidate.name].usage;
  const fail = (error: string): ParseResult => ({ ok: false, error, usage });
  if (text.length > MAX_COMMAND_LENGTH) {
    return fail(
      `That is ${text.length} characters long; /triage takes at most ${MAX_COMMAND_LENGTH}.`,
    );
  }
  if (candidate.problem) return fail(candidate.problem);
  if (candidate.extra !== undefined) return fail(`Unexpected "${clip(candidate.extra)}".`);
  const parsed = Command.safeParse({ name: candidate.name, ...candidate.fields });
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'Invalid command');
  return { ok: true, command: parsed.data };
}

function candidateOf(input: string): Candidate {
  const { words, rest } = take(input, 3);
  const [sub, second, third] = words;
  const verb = second?.toLowerCase();
  const next = take(rest, 1).words[0];
  switch (sub?.toLowerCase()) {
    case undefined:
    case 'help':
      return { name: 'help' };
    case 'config':
      if (verb === 'set') {
        return { name: 'config set', fields: { key: third, value: rest || undefined } };
      }
      if (verb === 'reset' || verb === 'lock' || verb === 'unlock') {
        return { name: `config ${verb}`, fields: { key: third }, extra: next };
      }
      return {
        name: 'config',
        fields: { prefix: second && /^features\.?$/.test(second) ? undefined : second },
        extra: third,
      };
    case 'setup':
      if (verb === 'customer') {
        return { name: 'setup customer', fields: { triageChannel: third }, extra: next };
      }
      if (verb === 'triage') return { name: 'setup triage', extra: third };
      return {
        name: 'setup customer',
        problem: second
          ? `Unknown channel kind "${clip(second)}": say customer or triage.`
          : 'Say what this channel is: customer or triage.',
        usage: `${SUBCOMMANDS['setup customer'].usage}  or  ${SUBCOMMANDS['setup triage'].usage}`,
      };
    case 'requests':
      return requestFilters(take(input, 1).rest);
    case 'token':
      return { name: 'token', extra: second };
    case 'dashboard':
      return { name: 'dashboard', extra: second };
    case 'email':
      return { name: 'email', extra: second };
    case 'fields':
      if (verb === 'add')
        return { name: 'fields add', fields: { field: take(input, 2).rest || undefined } };
      if (verb === 'remove') return { name: 'fields remove', fields: { key: third }, extra: next };
      return { name: 'fields', extra: second };
    case 'reply':
      if (second && !third) return { name: 'reply', problem: SAY_WHICH_REQUEST };
      return { name: 'reply', fields: { shortCode: second, request: third }, extra: next };
    case 'away':
    case 'back':
      return { name: sub.toLowerCase() as 'away' | 'back', extra: second };
    case 'team':
      if (verb === 'create')
        return { name: 'team create', fields: { team: take(input, 2).rest || undefined } };
      if (verb === 'add' || verb === 'remove') {
        return { name: `team ${verb}`, fields: teamArguments(take(input, 2).rest) };
      }
      return { name: 'team', extra: second };
    case 'escalate':
      return {
        name: 'escalate',
        fields: { request: second, reason: take(input, 2).rest || undefined },
      };
    default:
      return { name: 'help', fields: { unknown: clip(sub ?? '') } };
  }
}

/** `requests severity:high tag:billing tag:sso`: each word a filter, keys in any case. */
function requestFilters(rest: string): Candidate {
  const tags: string[] = [];
  let severity: string | undefined;
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    const match = /^(severity|tag):(.+)$/i.exec(word);
    if (!match) return { name: 'requests', extra: word };
    const value = match[2] as string;
    if ((match[1] as string).toLowerCase() === 'tag') tags.push(value);
    else if (severity !== undefined) {
      return { name: 'requests', problem: 'Give one severity: requests have one each.' };
    } else severity = value;
  }
  return { name: 'requests', fields: { severity, tags } };
}

/** The first `count` whitespace-separated words, and the rest of the line as typed. */
function take(input: string, count: number): { words: string[]; rest: string } {
  const words: string[] = [];
  let rest = input.trim();
  while (words.length < count && rest !== '') {
    const match = /^(\S+)\s*([\s\S]*)$/.exec(rest) as RegExpExecArray;
    words.push(match[1] as string);
    rest = match[2] as string;
  }
  return { words, rest };
}

/** Slack escapes these three in command text; the value stored is what the person typed. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
