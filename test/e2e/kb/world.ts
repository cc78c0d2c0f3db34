import type { TestBot } from '../../support/bot.js';
import { CHANNEL } from '../requests/world.js';

/** The help centre a workspace's admin writes through the API (title, url, content). */
export const HELP_ARTICLES = [
  {
    title: 'Reset your password',
    url: 'https://help.acme.test/reset-password',
    content:
      'Forgot your password? On the sign-in page choose Forgot password and enter your e-mail. ' +
      'We send a reset link that works for one hour.',
  },
  {
    title: 'Download your invoices',
    url: 'https://help.acme.test/invoices',
    content: 'Billing → Invoices lists every invoice. Each one downloads as a PDF.',
  },
  {
    title: 'Export conversations to CSV',
    url: 'https://help.acme.test/export',
    content: 'Reports → Export writes the conversations of a date range to a CSV file.',
  },
];

/** A portal of the workspace with these articles, written through the API. */
export async function helpCentre(t: TestBot, articles = HELP_ARTICLES): Promise<string> {
  const portal = await t.api('POST', '/api/v1/portals', { name: 'Acme Help', slug: 'help' });
  if (portal.status !== 201) throw new Error(`portal: ${portal.text}`);
  for (const article of articles) {
    const res = await t.api('POST', `/api/v1/portals/${portal.body.id}/articles`, article);
    if (res.status !== 201) throw new Error(`article: ${res.text}`);
  }
  return portal.body.id as string;
}

/**
 * Waits until the bot has processed every event it took, its request hooks included, so "nothing
 * was posted" is read after the suggestions' turn (the driver waits so too; this says it here).
 */
export const hooksDone = (t: TestBot) => t.bot.inbox.idle();

/** The bot's knowledge-base suggestions in a request's thread. */
export const suggestionsIn = (t: TestBot, rootTs: string) =>
  t.sim
    .thread(CHANNEL, rootTs)
    .filter(
      (m) =>
        m.ts !== rootTs &&
        m.user === t.sim.botUserId &&
        JSON.stringify(m.blocks ?? []).includes('"kb_heading"'),
    );
