import {
  overviewOf,
  overviewWindow,
  type Overview,
  type OverviewQuery,
} from '../../dashboard/overview.js';
import { FACTS_LIMIT, requestFacts } from '../../db/repositories/request-facts.js';
import type { BotDeps } from '../../deps.js';
import { validationError } from '../../errors.js';

/**
 * The overview page's numbers for a workspace, computed from its requests in the window. The
 * charts only take `{labels, series}`: a source of rollups replaces this one function.
 */
export async function dashboardOverview(
  deps: Pick<BotDeps, 'models' | 'clock'>,
  teamId: string,
  query: OverviewQuery,
): Promise<Overview> {
  const window = overviewWindow(query, deps.clock.now());
  if ('problem' in window) {
    throw validationError([
      { loc: ['query', window.field], msg: window.problem, type: 'value_error' },
    ]);
  }
  const facts = await requestFacts(deps.models, teamId, window.since, window.until);
  return overviewOf(facts, window, facts.length >= FACTS_LIMIT);
}
