import { ReportRollupStore } from '../../db/repositories/report-rollups.js';
import type { RequestDoc } from '../../db/models/index.js';
import { addInto, contributionOf, type Contribution } from '../../reports/contributions.js';
import { requestFacts, type ReportContext } from '../../reports/facts.js';
import { reportContext, type ReportDeps } from './context.js';

/** Request facts written per round trip during a rebuild. */
const FACTS_CHUNK = 1_000;

/**
 * What a workspace's rollups would be if computed from scratch: every request's contribution
 * summed, the requests streamed with a cursor. `each` sees every request with its facts (JSON).
 */
export async function recomputeRollups(
  deps: ReportDeps,
  teamId: string,
  each?: (request: RequestDoc, json: string) => Promise<void>,
): Promise<Contribution> {
  const store = new ReportRollupStore(deps.models);
  const rows: Contribution = new Map();
  // One context per channel for the whole run (not a configuration-version read per request).
  const contexts = new Map<string, ReportContext>();
  const contextOf = async (channelId: string) => {
    let ctx = contexts.get(channelId);
    if (!ctx) contexts.set(channelId, (ctx = await reportContext(deps, teamId, channelId)));
    return ctx;
  };
  for await (const request of store.requests(teamId)) {
    const facts = requestFacts(request, await contextOf(request.channelId));
    addInto(rows, contributionOf(facts));
    if (each) await each(request, JSON.stringify(facts));
  }
  return rows;
}

/** The rows where stored rollups and a recomputation differ (keys `day|dimension|value`). */
export function rollupDifferences(stored: Contribution, fresh: Contribution): string[] {
  const keys = new Set([...stored.keys(), ...fresh.keys()]);
  const same = (key: string) =>
    JSON.stringify(Object.entries(stored.get(key) ?? {}).sort()) ===
    JSON.stringify(Object.entries(fresh.get(key) ?? {}).sort());
  return [...keys].filter((key) => !same(key)).sort();
}

/** Compares a workspace's stored rollups with a recomputation; writes nothing. */
export async function checkRollups(deps: ReportDeps, teamId: string) {
  const fresh = await recomputeRollups(deps, teamId);
  const stored = await new ReportRollupStore(deps.models).stored(teamId);
  const differences = rollupDifferences(stored, fresh);
  return { equal: differences.length === 0, rows: fresh.size, differences };
}

/**
 * `reports rebuild`: recomputes the rollups of one workspace (or every workspace with requests)
 * from the requests and replaces them, and records on each request the facts now counted, so
 * later changes count from there. Meant for repair after a crash between a request's claim and
 * its `$inc`, or after working hours changed; changes made while it runs are counted again by
 * their next write.
 */
export async function rebuildReports(deps: ReportDeps, teamId?: string) {
  const store = new ReportRollupStore(deps.models);
  const teams = teamId ? [teamId] : await store.teams();
  let requests = 0;
  let rows = 0;
  for (const team of teams) {
    // Written after the cursor is done: FerretDB's SQLite backend blocks writes to a collection
    // while a cursor on it is open. Only the facts that differ are held.
    const changed: { id: RequestDoc['_id']; json: string }[] = [];
    const fresh = await recomputeRollups(deps, team, async (request, json) => {
      requests++;
      if (request.reportFacts !== json) changed.push({ id: request._id, json });
    });
    for (let i = 0; i < changed.length; i += FACTS_CHUNK)
      await store.setFacts(changed.slice(i, i + FACTS_CHUNK));
    await store.replace(team, fresh);
    rows += fresh.size;
  }
  return { teams: teams.length, requests, rows };
}
