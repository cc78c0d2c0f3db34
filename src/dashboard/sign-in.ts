import type { TokenRole } from '../commands/token.js';

/** How long a `/triage dashboard` link may be used (once). */
export const LINK_MINUTES = 10;
/** How long a dashboard session lasts after signing in. */
export const SESSION_HOURS = 12;

/** Why a sign-in link is refused: what the page says, and its HTTP status. */
export const LINK_REFUSALS = {
  unknown: {
    status: 401,
    say: 'This sign-in link is not valid. Run /triage dashboard in Slack for a new one.',
  },
  used: {
    status: 410,
    say: 'This sign-in link was already used: each link works once. Run /triage dashboard in Slack for a new one.',
  },
  expired: {
    status: 410,
    say: `This sign-in link has expired: links work for ${LINK_MINUTES} minutes. Run /triage dashboard in Slack for a new one.`,
  },
} as const;

/** The dashboard's answer when a signed-in agent tries an administrator's change. */
export const ADMIN_ONLY =
  'Only workspace admins can change settings; you are signed in as an agent, so nothing was changed.';

/**
 * The ephemeral answer to `/triage dashboard`: the one-time link, and what it opens.
 *
 * @example
 * dashboardReplyText('https://triage.example.com/app/login?token=abc', 'agent');
 */
export function dashboardReplyText(link: string, role: TokenRole): string {
  return [
    `:bar_chart: Your sign-in link to the Triage dashboard (works once, for ${LINK_MINUTES} minutes):`,
    link,
    role === 'administrator'
      ? 'You are signed in as an admin: you can also change settings there.'
      : 'You are signed in as an agent: settings are shown but only admins can change them.',
  ].join('\n');
}

/** What someone who may not use the dashboard (a guest, a customer, a bot) is told. */
export const NO_DASHBOARD =
  ':no_entry: The dashboard is for the support team: workspace members who are not guests.';
