import type { Features } from '../settings/features.js';
import type { ChannelCondition } from '../settings/primitives.js';

/** Slack caps channel names at 80 characters; nothing longer is ever tested against a regex. */
export const MAX_CHANNEL_NAME_LENGTH = 80;

/** What the automations need to know about a channel. */
export interface ChannelRef {
  id: string;
  name: string;
  /** Private channels cannot be joined by the bot on its own. */
  isPrivate?: boolean;
}

/**
 * Whether a regular expression risks catastrophic backtracking: a repeated group whose body
 * itself repeats or alternates (`(a+)+`, `(a|aa)*`). Such patterns are refused rather than run;
 * a refused pattern matches nothing. Conservative on purpose: `(ext|cust)+` is refused too.
 */
export function isRiskyPattern(pattern: string): boolean {
  const groups: { repeats: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      inClass = char !== ']';
      continue;
    }
    const next = pattern[i + 1];
    const quantifiedNext = next === '*' || next === '+' || next === '{' || next === '?';
    if (char === '[') inClass = true;
    else if (char === '(') groups.push({ repeats: false });
    else if (char === '|') markInner(groups);
    else if (char === '*' || char === '+' || char === '{') markInner(groups);
    else if (char === ')') {
      const group = groups.pop();
      if (quantifiedNext && next !== '?' && group?.repeats) return true;
      if (group?.repeats || quantifiedNext) markInner(groups);
    }
  }
  return false;
}

function markInner(groups: { repeats: boolean }[]): void {
  const innermost = groups.at(-1);
  if (innermost) innermost.repeats = true;
}

/** Compiles a `regex` condition; undefined when it is invalid or risky (so it matches nothing). */
function compile(pattern: string): RegExp | undefined {
  if (isRiskyPattern(pattern)) return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

/**
 * Whether one condition matches a channel name. Text comparisons ignore case (Slack names are
 * lower case, so `EXT-` still means `ext-`); a `regex` is used as written, without flags, and
 * only on names of at most {@link MAX_CHANNEL_NAME_LENGTH} characters.
 */
export function conditionMatches(name: string, rule: ChannelCondition): boolean {
  const subject = name.toLowerCase();
  const value = rule.value.toLowerCase();
  switch (rule.condition) {
    case 'starts_with':
      return subject.startsWith(value);
    case 'ends_with':
      return subject.endsWith(value);
    case 'contains':
      return subject.includes(value);
    case 'equals':
      return subject === value;
    case 'regex':
      return name.length <= MAX_CHANNEL_NAME_LENGTH && (compile(rule.value)?.test(name) ?? false);
  }
}

/**
 * A channel matches a list of conditions when **any** of them matches (several conditions widen
 * the set, e.g. `ext-` or `-shared`); an empty list matches nothing.
 */
export function channelMatches(name: string, conditions: readonly ChannelCondition[]): boolean {
  return conditions.some((rule) => conditionMatches(name, rule));
}

/**
 * Whether the bot should join a public channel on its own, by `makeThenaBotAutoJoinChannels`:
 * enabled and the name matches one of its conditions. Private channels are never auto-joined.
 */
export function shouldAutoJoin(features: Features, channel: ChannelRef): boolean {
  const rule = features.requests.automations.makeThenaBotAutoJoinChannels;
  return (
    rule.isEnabled && channel.isPrivate !== true && channelMatches(channel.name, rule.conditions)
  );
}

/**
 * Whether joining `channel` is announced in `notifyOnChannelJoin.alertsChannel`: enabled, an
 * alerts channel set (and not the joined channel itself), and the channel selected by name
 * `conditions` or, with `howAreChannelsDefined: 'by-channel-ids'`, listed in `channelIds`.
 */
export function shouldNotifyJoin(features: Features, channel: ChannelRef): boolean {
  const rule = features.requests.automations.notifyOnChannelJoin;
  if (!rule.isEnabled || rule.alertsChannel === null || rule.alertsChannel === channel.id) {
    return false;
  }
  return rule.howAreChannelsDefined === 'by-channel-ids'
    ? rule.channelIds.includes(channel.id)
    : channelMatches(channel.name, rule.conditions);
}
