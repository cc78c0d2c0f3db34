import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { MongoInstallationStore } from '../../installation-store.js';

/** The part of `tokens_revoked` the bot reads: which bot (and user) tokens went. */
export const TokensRevokedEvent = z.object({
  tokens: z.object({
    bot: z.array(z.string()).optional(),
    oauth: z.array(z.string()).optional(),
  }),
});

/**
 * The app was uninstalled, or its tokens revoked: the stored installation goes (the workspace's
 * settings, accounts and requests stay, ready for a reinstall), so nothing acts with a dead
 * token. With the single-workspace `SLACK_BOT_TOKEN` there is nothing stored to remove; the
 * event is logged so an operator knows the token no longer works.
 */
export function register(app: App, deps: BotDeps): void {
  const store = new MongoInstallationStore(deps.models.workspaces);

  app.event('app_uninstalled', async ({ body, context, logger }) => {
    const teamId = context.teamId ?? body.team_id;
    if (!teamId) return;
    await store.deleteInstallation({
      teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall ?? false,
    });
    logger.warn(`app uninstalled from workspace ${teamId}; its installation was removed`);
  });

  app.event('tokens_revoked', async ({ event, body, context, logger }) => {
    const parsed = TokensRevokedEvent.safeParse(event);
    const teamId = context.teamId ?? body.team_id;
    if (!parsed.success || !teamId) {
      logger.debug('tokens_revoked ignored: no team or no token list');
      return;
    }
    const query = {
      teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall ?? false,
    };
    if ((parsed.data.tokens.bot ?? []).length > 0) await store.deleteInstallation(query);
    for (const userId of parsed.data.tokens.oauth ?? [])
      await store.deleteInstallation({ ...query, userId });
    logger.warn(`tokens revoked in workspace ${teamId}; the stored tokens were removed`);
  });
}
