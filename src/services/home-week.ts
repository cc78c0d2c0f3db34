import { ReportScopeStore } from '../db/repositories/report-scope.js';
import type { BotDeps } from '../deps.js';
import { weekLines, type HomeWeek } from '../home/week.js';
import { dayKey, dayStart, shiftDay } from '../reports/index.js';
import { workspaceZone } from './reports/context.js';
import { conversationMetrics, reportSummary } from './reports/query.js';

/**
 * `userId`'s week for the App Home, from the reports' rollups: the requests assigned to them
 * over the last seven days of the workspace's zone (today included) against the seven before,
 * and their open requests now; for someone who was never assigned a request, the workspace's.
 */
export async function loadWeek(
  deps: Pick<BotDeps, 'models' | 'settings' | 'logger' | 'clock'>,
  teamId: string,
  userId: string,
): Promise<HomeWeek> {
  const zone = await workspaceZone(deps, teamId);
  const today = dayKey(deps.clock.now(), zone);
  const range = {
    since: new Date(dayStart(shiftDay(today, -6), zone) * 1000),
    until: new Date(dayStart(today, zone) * 1000),
  };
  const mine = await new ReportScopeStore(deps.models).agentKnown(teamId, userId);
  const filter = mine ? { type: 'agent' as const, id: userId } : undefined;
  const [summary, own, all] = await Promise.all([
    reportSummary(deps, teamId, { ...range, ...(filter ? { filter } : {}) }),
    filter ? conversationMetrics(deps, teamId, filter) : undefined,
    conversationMetrics(deps, teamId),
  ]);
  return {
    whose: mine ? 'mine' : 'team',
    backlog: { open: (own ?? all).open, unassigned: all.unassigned },
    lines: weekLines(summary, summary.previous),
  };
}
