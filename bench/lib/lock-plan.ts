import type { Db, Document } from 'mongodb';
import {
  AGENDA_SETTINGS,
  JOB_LOCK_LIFETIME_MS,
  JOBS_COLLECTION,
} from '../../src/scheduler/agenda-settings.js';

/**
 * Agenda's lock query (`getNextJobToRun` in @agendajs/mongo-backend) for one job name, now,
 * with the bot's settings.
 */
export function lockQuery(name: string, now = new Date()) {
  return {
    name,
    disabled: { $ne: true },
    $or: [
      {
        lockedAt: { $eq: null },
        nextRunAt: { $lte: new Date(now.getTime() + AGENDA_SETTINGS.processEvery) },
      },
      { lockedAt: { $lte: new Date(now.getTime() - JOB_LOCK_LIFETIME_MS) } },
    ],
  };
}

/** The stages of a MongoDB plan, outermost first, with the index each scan uses. */
function stages(plan: Document | undefined): string[] {
  if (!plan) return [];
  const own = plan.indexName ? `${plan.stage}(${plan.indexName})` : String(plan.stage);
  const children = [plan.inputStage, ...((plan.inputStages as Document[]) ?? [])];
  return [own, ...children.flatMap((child) => stages(child))];
}

/**
 * How the engine runs the lock query (`explain` of Agenda's findAndModify, which MongoDB does
 * without applying the update): index keys and documents examined on MongoDB; FerretDB reports
 * no such counts, only whether the filter was pushed down to SQLite and SQLite's plan for it.
 */
export async function lockPlan(db: Db, name: string): Promise<Record<string, unknown>> {
  try {
    const explained = await db.command({
      explain: {
        findAndModify: JOBS_COLLECTION,
        query: lockQuery(name),
        update: { $set: { lockedAt: new Date() } },
      },
      verbosity: 'executionStats',
    });
    const stats = explained.executionStats as Document | undefined;
    if (stats) {
      return {
        keysExamined: stats.totalKeysExamined,
        docsExamined: stats.totalDocsExamined,
        plan: stages(explained.queryPlanner?.winningPlan as Document | undefined).join(' < '),
      };
    }
    // FerretDB's explain of findAndModify does not read its query: explain the same filter as a
    // find, which runs the same SQL prefilter.
    const found = await db.command({
      explain: { find: JOBS_COLLECTION, filter: lockQuery(name) },
      verbosity: 'queryPlanner',
    });
    return {
      keysExamined: 'n/a on FerretDB',
      filterPushdown: found.filterPushdown,
      plan: (found.queryPlanner?.Plan as string[] | undefined)
        ?.map((row) => row.replace(/^id=\d+ parent=\d+ notused=\d+ detail=/, ''))
        .join('; '),
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
