import { VendorError } from '../../connectors/connector.js';
import { CrmCases } from '../../db/repositories/crm-cases.js';
import type { ConnectorDoc, ConnectorTaskDoc, RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { crmOf } from './manage.js';

/** A Case task (`case_create`, `case_update`, `case_comment`) rather than a helpdesk's. */
export const isCaseTask = (task: Pick<ConnectorTaskDoc, 'kind'>): boolean =>
  task.kind.startsWith('case_');

/** An update or comment whose Case is still being made waits this long. */
const WAIT_FOR_CASE_MS = 5_000;

type Outcome = { status: 'done' } | { status: 'pending'; nextAttemptAt: Date };

/**
 * Carries out a Case task in Salesforce. The create is an upsert by the External ID field
 * holding the intent's id: tried again after a 5xx or no answer, it updates the Case the
 * first try made rather than making a second. `redraw` shows the new Case on the card.
 */
export async function carryOutCase(
  deps: BotDeps,
  task: ConnectorTaskDoc,
  request: RequestDoc,
  connector: ConnectorDoc,
  redraw: (request: RequestDoc) => Promise<void>,
): Promise<Outcome> {
  const client = crmOf(deps, connector);
  const store = new CrmCases(deps.models);
  const crmCase = request.crmCase;
  const fields = task.payload.fields ?? {};
  if (task.kind === 'case_create') {
    if (crmCase?.intentId !== task.taskId || crmCase.state === 'made') return { status: 'done' };
    const readBack = task.payload.readBack ?? [];
    const ref = await client.upsertCase(task.taskId, fields, readBack, crmCase.accountId);
    const made = await store.made(task.requestId, task.taskId, ref, deps.clock.now(), task.by);
    if (made) await redraw(made);
    return { status: 'done' };
  }
  if (crmCase?.state === 'pending') {
    return {
      status: 'pending',
      nextAttemptAt: new Date(deps.clock.now().getTime() + WAIT_FOR_CASE_MS),
    };
  }
  if (!crmCase?.id || crmCase.connectorId !== task.connectorId) {
    throw new VendorError('refused', 'the request has no Case (ticket) in this CRM');
  }
  if (task.kind === 'case_comment' && task.payload.comment) {
    await client.addCaseComment(crmCase.id, task.payload.comment);
  } else if (task.kind === 'case_update') {
    await client.updateCase(crmCase.id, fields);
    const status = fields.Status ?? fields.hs_pipeline_stage;
    if (typeof status === 'string') await store.status(request._id, status);
  }
  return { status: 'done' };
}

/** Records a Case create given up (the card says why); the request as it is now, or null. */
export function caseGivenUp(
  deps: Pick<BotDeps, 'models'>,
  task: ConnectorTaskDoc,
  error: string,
): Promise<RequestDoc | null> {
  return new CrmCases(deps.models).failed(task.requestId, task.taskId, error);
}
