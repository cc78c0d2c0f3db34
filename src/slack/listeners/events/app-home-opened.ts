import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { chosenViewOf } from '../../../home/summary.js';
import { publishHome } from '../../../services/home.js';
import { SlackGateway } from '../../gateway.js';

const AppHomeOpened = z.object({
  user: z.string(),
  tab: z.string(),
  view: z.object({ private_metadata: z.string().optional() }).optional(),
});

/** Someone opens the bot's Home tab: publish their requests as they stand now (the view kept). */
export function register(app: App, deps: BotDeps): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    const parsed = AppHomeOpened.safeParse(event);
    if (!parsed.success || parsed.data.tab !== 'home') return;
    const slack = new SlackGateway(client, deps.logger);
    const { user, view } = parsed.data;
    await publishHome(deps, slack, context.teamId as string, user, chosenViewOf(view));
  });
}
