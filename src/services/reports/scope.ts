import { AppError } from '../../errors.js';
import { ReportScopeStore, type BacklogMatch } from '../../db/repositories/report-scope.js';
import type { Dimension } from '../../reports/contributions.js';
import type { ReportDeps } from './context.js';

/** What a report is about: the workspace, or one channel, account, agent, team, label, … */
export interface ReportFilter {
  type: 'account' | 'agent' | 'label' | 'team' | 'channel' | 'severity' | 'category';
  /** The subject; for `account` without an id, the whole workspace (seed 003's account). */
  id?: string;
}

/** Where a filter's numbers come from: rollup rows of one dimension, and the backlog's query. */
export interface Scope {
  dimension: Dimension;
  values: string[];
  backlog: BacklogMatch;
}

/** Says nothing of the id asked for: another workspace's looks the same as none. */
const notFound = (
  code: 'channel_not_found' | 'account_not_found' | 'agent_not_found' | 'team_not_found',
) => new AppError(code, `no such ${code.replace('_not_found', '')} in this workspace`);

/**
 * The rollup rows and backlog query of a filter; a channel, account, agent or team of another
 * workspace (or none) is `*_not_found` (404). Labels, severities and categories are values, not
 * things: one nobody used reports zeros. A team reads its current members' agent rows.
 */
export async function scopeOf(
  deps: ReportDeps,
  teamId: string,
  filter?: ReportFilter,
): Promise<Scope> {
  const store = new ReportScopeStore(deps.models);
  const id = filter?.id;
  if (!filter || id === undefined) return { dimension: 'all', values: ['all'], backlog: {} };
  switch (filter.type) {
    case 'channel':
      if (!(await store.channelExists(teamId, id))) throw notFound('channel_not_found');
      return { dimension: 'channel', values: [id], backlog: { channelId: id } };
    case 'account': {
      const channels = await store.accountChannels(teamId, id);
      if (!channels) throw notFound('account_not_found');
      return { dimension: 'account', values: [id], backlog: { channelId: { $in: channels } } };
    }
    case 'agent':
      if (!(await store.agentKnown(teamId, id))) throw notFound('agent_not_found');
      return { dimension: 'agent', values: [id], backlog: { assigneeId: id } };
    case 'team': {
      const members = await store.teamMembers(teamId, id);
      if (!members) throw notFound('team_not_found');
      return { dimension: 'agent', values: members, backlog: { assigneeId: { $in: members } } };
    }
    case 'label':
      return { dimension: 'label', values: [id], backlog: { tags: id } };
    case 'severity':
      return { dimension: 'severity', values: [id], backlog: { severity: id } };
    case 'category': {
      const [name, ...rest] = id.split(':');
      const backlog = rest.length
        ? { categories: { $elemMatch: { name, value: rest.join(':') } } }
        : { category: id };
      return { dimension: 'category', values: [id], backlog };
    }
  }
}
