import type { KnownBlock } from '@slack/web-api';
import { codeValue } from './command-reply.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';
import type { LevelRef, Provenance } from '../settings/index.js';
import { settingStatus, statusText } from '../settings/status.js';
import { isAiSetting, NO_PROVIDER } from '../ai/policy.js';

/** Slack allows 3,000 characters per section text and 50 blocks per message. */
const SECTION_CHARS = 2900;
const MAX_BLOCKS = 50;
/** More lines than this are no longer readable in an ephemeral; a prefix narrows them. */
const MAX_LINES = 100;
const HINT = '`/triage config requests.config`';

export interface ConfigViewInput {
  channelId: string;
  kind: string;
  triageChannelId?: string | null;
  provenance: Record<string, Provenance>;
  /** Only keys starting with this; without it, only keys that differ from the defaults. */
  prefix?: string;
  /** False when no AI provider is configured: AI settings then say they do nothing and why. */
  aiProvider?: boolean;
}

/**
 * A channel's effective settings with provenance, one line per key:
 * `` `key` = `value` (set at account Acme, 🔒 locked at workspace Simulated Inc) ``.
 * Without a prefix only keys set at some level (or locked) are listed, `requests.*` first, then
 * a count of those at their defaults and how to filter.
 */
export function configViewBlocks(input: ConfigViewInput): { text: string; blocks: KnownBlock[] } {
  const entries = Object.entries(input.provenance);
  const triage = input.triageChannelId ? ` · requests go to <#${input.triageChannelId}>` : '';
  const title = `*Settings of <#${input.channelId}>* (${input.kind} channel${triage})`;
  let shown: [string, Provenance][];
  let footer: string;
  if (input.prefix) {
    const prefix = input.prefix;
    shown = entries.filter(([key]) => key.startsWith(prefix));
    if (shown.length === 0) {
      const groups = [...new Set(entries.map(([key]) => key.split('.')[0]))].join(', ');
      const text = `No setting starts with \`${escapeMrkdwn(prefix)}\`. Top-level groups: ${groups}.`;
      return { text, blocks: [section(text)] };
    }
    footer = `${shown.length} setting${shown.length === 1 ? '' : 's'} under \`${escapeMrkdwn(prefix)}\`.`;
  } else {
    const changed = entries.filter(([, p]) => p.setAt.level !== 'default' || p.locked);
    const isRequests = ([key]: [string, Provenance]) => key.startsWith('requests.');
    shown = [...changed.filter(isRequests), ...changed.filter((e) => !isRequests(e))];
    const atDefault = entries.length - changed.length;
    footer =
      (changed.length === 0 ? 'Every setting is at its built-in default. ' : '') +
      `${atDefault} of ${entries.length} settings are at their defaults. ` +
      `Filter by prefix to see them, e.g. ${HINT}.`;
  }
  if (shown.length > MAX_LINES) {
    footer = `Showing ${MAX_LINES} of ${shown.length}: give a longer prefix, e.g. ${HINT}. ${footer}`;
  }
  const listed = shown.slice(0, MAX_LINES);
  const waiting = listed.filter(([key]) => settingStatus(key) !== 'acts').length;
  if (waiting > 0) {
    footer += ` ⏳ ${waiting} of these ${waiting === 1 ? 'does' : 'do'} nothing yet (or only in part); docs/settings.md says which issue makes each act.`;
  }
  const lines = listed.map(([key, p]) => settingLine(key, p, input.aiProvider));
  const sections = pack(lines).slice(0, MAX_BLOCKS - 2);
  return {
    text: `Settings of <#${input.channelId}>`,
    blocks: [section(title), ...sections, context(footer)],
  };
}

/**
 * One setting: its value, where the value and any lock come from and, for a setting the bot does
 * not act on yet, the issue that will make it act (`status.ts`).
 */
export function settingLine(key: string, p: Provenance, aiProvider = true): string {
  const where = p.setAt.level === 'default' ? 'default' : `set at ${levelName(p.setAt)}`;
  const lock = p.locked && p.lockedAt ? `, 🔒 locked at ${levelName(p.lockedAt)}` : '';
  const inert = !aiProvider && isAiSetting(key) ? ` ⚠️ does nothing: ${NO_PROVIDER}` : '';
  return `\`${key}\` = ${codeValue(p.value)} (${where}${lock})${inactiveNote(key)}${inert}`;
}

/** ` ⏳ not yet active: issue 14 (…)` for a setting that does nothing yet (or only in part). */
function inactiveNote(key: string): string {
  const status = settingStatus(key);
  return status === 'acts' ? '' : ` ⏳ ${statusText(status)}`;
}

/** More changed keys than this (a whole group reset) are counted rather than listed. */
const MAX_CHANGED_LINES = 10;

/** The answer to a settings write: `title`, then the written `keys` as they now resolve. */
export function changedSettingsText(
  title: string,
  provenance: Record<string, Provenance>,
  keys: string[],
  aiProvider = true,
): string {
  const known = keys.filter((key) => provenance[key]);
  const shown = known
    .slice(0, MAX_CHANGED_LINES)
    .map((key) => `• ${settingLine(key, provenance[key] as Provenance, aiProvider)}`);
  if (known.length > MAX_CHANGED_LINES) {
    shown.push(`…and ${known.length - MAX_CHANGED_LINES} more.`);
  }
  return [title, ...(shown.length > 0 ? shown : ['(no setting changed)'])].join('\n');
}

/** `workspace Simulated Inc`, `account Acme`, `channel #ext-acme`. */
export function levelName(ref: LevelRef): string {
  const name = escapeMrkdwn((ref.name ?? ref.id).slice(0, 80));
  return ref.level === 'channel' ? `channel #${name}` : `${ref.level} ${name}`;
}

/** Lines joined into as few sections as fit Slack's per-text limit. */
function pack(lines: string[]): KnownBlock[] {
  const texts: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > SECTION_CHARS) {
      texts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) texts.push(current);
  return texts.map(section);
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
