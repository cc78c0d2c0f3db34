import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { publishHome } from '../../../services/home.js';
import { SlackGateway } from '../../gateway.js';

const AppHomeOpened = z.object({ user: z.string(), tab: z.string() });

/** Someone opens the bot's Home tab: publish their requests as they stand now. */
export function register(app: App, deps: BotDeps): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    const parsed = AppHomeOpened.safeParse(event);
    if (!parsed.success || parsed.data.tab !== 'home') return;
    const slack = new SlackGateway(client, deps.logger);
    await publishHome(deps, slack, context.teamId as string, parsed.data.user);
  });
}
