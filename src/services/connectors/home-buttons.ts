import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { ACTIONS } from '../../constants.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { BLOCK, noticeModal } from '../../views/connector-modals.js';
import { publishHome } from '../home.js';
import { checkFromHome, managesConnectors, removeFromHome } from './home.js';
import {
  addModal,
  editModal,
  submitAdd,
  submitEdit,
  typeOf,
  type StateValues,
} from './home-modals.js';

/**
 * What App Home's connector buttons and modals do (admins only, asked of Slack each time): Add
 * and Edit open their modal, Check and Remove act and republish the clicker's Home; a modal's
 * submission saves through the API's functions and republishes it.
 */

type ButtonDeps = Pick<BotDeps, 'models' | 'settings' | 'clock' | 'logger' | 'env'>;

const ADMINS_ONLY = 'Only workspace admins manage connectors. Nothing was changed.';

export interface ConnectorClick {
  teamId: string;
  userId: string;
  actionId: string;
  /** The connector's id (Edit, Check, Remove). */
  id?: string;
  triggerId: string;
  /** The Home's chosen view, kept when it is republished. */
  viewId?: string;
}

/** A click on Add connector, Edit, Check or Remove. */
export async function connectorButton(
  deps: ButtonDeps,
  slack: SlackGateway,
  click: ConnectorClick,
): Promise<void> {
  const { teamId, userId, id = '' } = click;
  const open = (view: ModalView) =>
    slack.openView(
      { trigger_id: click.triggerId, view },
      { bestEffort: { step: 'connector_modal', userId } },
    );
  if (!(await managesConnectors(deps, slack, userId))) {
    await open(noticeModal('Connectors', ADMINS_ONLY));
    return;
  }
  try {
    if (click.actionId === ACTIONS.connectorAdd) return void (await open(addModal()));
    if (click.actionId === ACTIONS.connectorEdit) {
      return void (await open(await editModal(deps, teamId, id)));
    }
    if (click.actionId === ACTIONS.connectorCheck) await checkFromHome(deps, teamId, id);
    if (click.actionId === ACTIONS.connectorRemove) {
      const removed = await removeFromHome(deps, teamId, id);
      if (!removed.ok) {
        const channels = removed.channels.map((c) => `<#${c}>`).join(', ');
        const text = `The ${removed.name} connector is still used by ${channels}: take it out of their settings (\`tickets.config.helpdeskIds\`, or the Salesforce keys) first. Nothing was removed.`;
        await open(noticeModal('Connector in use', text));
      }
    }
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'connector_not_found') throw error;
    // Removed meanwhile (another admin, the API): the republished Home shows it gone.
  }
  await publishHome(deps, slack, teamId, userId, click.viewId);
}

/** The Add modal's type menu: the modal redrawn with that type's fields. */
export async function connectorTypePicked(
  slack: SlackGateway,
  view: { id: string; hash: string },
  type: string,
  userId: string,
): Promise<void> {
  await slack.updateView(
    { view_id: view.id, hash: view.hash, view: addModal(typeOf({}, type)) },
    { bestEffort: { step: 'connector_type', userId } },
  );
}

const Metadata = z.object({ type: z.string().optional(), id: z.string().optional() });

/**
 * A connector modal's submission (`add` or `edit`): refused answers stay on the modal under their
 * field, nothing stored; a save republishes the submitter's Home.
 */
export async function connectorSubmitted(
  deps: ButtonDeps,
  slack: SlackGateway,
  input: {
    teamId: string;
    userId: string;
    kind: 'add' | 'edit';
    metadata: string;
    values: StateValues;
  },
): Promise<
  { ok: false; errors: Record<string, string> } | { ok: true; follow: () => Promise<void> }
> {
  const { teamId, userId, values } = input;
  if (!(await managesConnectors(deps, slack, userId))) {
    return { ok: false, errors: { [BLOCK.baseUrl]: ADMINS_ONLY } };
  }
  const metadata = Metadata.parse(JSON.parse(input.metadata || '{}'));
  const outcome =
    input.kind === 'add'
      ? await submitAdd(deps, teamId, typeOf(values, metadata.type ?? ''), values)
      : await submitEdit(deps, teamId, metadata.id ?? '', values);
  if (!outcome.ok) return outcome;
  return { ok: true, follow: () => publishHome(deps, slack, teamId, userId) };
}
