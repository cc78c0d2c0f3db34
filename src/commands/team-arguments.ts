import { z } from 'zod';

/** A team's name as `/triage team` takes it: the rest of the line (spaces allowed). */
export const TeamName = z
  .string({ error: 'Say which team: its name, as /triage team lists it' })
  .trim()
  .min(1, 'Say which team: its name, as /triage team lists it')
  .max(100, 'A team name has at most 100 characters');

/** People named by mention (`<@U123|ann>` as Slack sends it), at least one. */
export const Mentions = z
  .array(z.string().regex(/^[UW][A-Z0-9]{2,}$/))
  .min(1, 'Name the people: mention each one (@ann @bob) after the team name');

/**
 * `Billing EU @ann @bob`: the mentions at the end are the people, the words before them the
 * team's name. A word after the mentions that is not one is refused by the schemas above.
 */
export function teamArguments(rest: string): { team?: string; users: string[] } {
  const words = rest.split(/\s+/).filter(Boolean);
  const users: string[] = [];
  while (words.length > 0) {
    const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(words.at(-1) as string);
    if (!match) break;
    users.unshift(match[1] as string);
    words.pop();
  }
  return { ...(words.length > 0 ? { team: words.join(' ') } : {}), users };
}
