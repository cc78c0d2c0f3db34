import { tokenRole } from '../../commands/token.js';
import { dashboardReplyText, LINK_MINUTES, NO_DASHBOARD } from '../../dashboard/sign-in.js';
import { DashboardAuthStore } from '../../db/repositories/dashboard.js';
import type { Reply } from '../../views/command-reply.js';
import type { CommandContext } from './context.js';

/**
 * `/triage dashboard`: a one-time sign-in link for the asker, with the role an API token of
 * theirs would have (`tokenRole`), shown only to them.
 */
export async function dashboardLink(ctx: CommandContext): Promise<Reply> {
  const user = (await ctx.slack.user(ctx.userId, { expect: ['user_not_found'] }))?.user;
  const role = tokenRole(user, ctx.teamId);
  if (!role) return { text: NO_DASHBOARD };
  const { env, clock, models } = ctx.deps;
  const expiresAt = new Date(+clock.now() + LINK_MINUTES * 60_000);
  const token = await new DashboardAuthStore(models).createLink(
    { teamId: ctx.teamId, userId: ctx.userId, role },
    expiresAt,
  );
  const base = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return { text: dashboardReplyText(`${base}/app/login?token=${token}`, role) };
}
