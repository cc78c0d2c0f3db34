import { SlackApiError, json, req, str } from '../params.js';
import { renderView } from '../render.js';
import type { SlackState } from '../state.js';
import type { Params, SimView } from '../types.js';
import type { MethodTable } from './types.js';

type ViewPayload = Record<string, unknown>;

/** The `view` argument, checked the way Slack rejects malformed views. */
function readView(params: Params, type?: 'home' | 'modal'): ViewPayload {
  const view = json<ViewPayload>(params, 'view');
  if (view === undefined || typeof view !== 'object' || Array.isArray(view)) {
    throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: view']);
  }
  if (type !== undefined && view.type !== type) {
    throw new SlackApiError('invalid_arguments', [
      `[ERROR] must be '${type}' [json-pointer:/view/type]`,
    ]);
  }
  if (!Array.isArray(view.blocks)) {
    throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: blocks']);
  }
  if (view.type === 'modal' && typeof view.title !== 'object') {
    throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: title']);
  }
  return view;
}

function externalId(state: SlackState, view: ViewPayload, except?: SimView): string | undefined {
  const id =
    typeof view.external_id === 'string' && view.external_id !== '' ? view.external_id : undefined;
  if (id === undefined) return undefined;
  for (const v of state.views.values()) {
    if (v !== except && v.external_id === id) throw new SlackApiError('duplicate_external_id');
  }
  return id;
}

function checkHash(params: Params, view: SimView | undefined): void {
  const hash = str(params, 'hash');
  if (hash !== undefined && view !== undefined && hash !== view.hash) {
    throw new SlackApiError('hash_conflict');
  }
}

/** Exchanges a trigger id: valid once, as Slack's are. */
function useTrigger(state: SlackState, params: Params): { user: string; trigger: string } {
  const trigger = req(params, 'trigger_id');
  const entry = state.triggers.get(trigger);
  if (entry === undefined) throw new SlackApiError('invalid_arguments', ['invalid `trigger_id`']);
  if (entry.used) throw new SlackApiError('expired_trigger_id');
  return { user: entry.user, trigger };
}

function openModal(
  state: SlackState,
  params: Params,
  previous: SimView | undefined,
): Record<string, unknown> {
  const { user, trigger } = useTrigger(state, params);
  const payload = readView(params, 'modal');
  const external = externalId(state, payload);
  state.triggers.set(trigger, { user, used: true });
  const view = state.newView({
    type: 'modal',
    user,
    view: payload,
    external_id: external,
    trigger_id: trigger,
    status: 'open',
  });
  if (previous !== undefined) {
    view.root_view_id = previous.root_view_id;
    view.previous_view_id = previous.id;
  }
  return { view: renderView(state, view) };
}

export const viewMethods: MethodTable = {
  'views.publish': (state, params) => {
    const user = req(params, 'user_id');
    if (!state.users.has(user)) throw new SlackApiError('invalid_arguments', ['invalid `user_id`']);
    const payload = readView(params, 'home');
    const current = state.views.get(state.homeViewIds.get(user) ?? '');
    checkHash(params, current);
    const external = externalId(state, payload, current);
    if (current !== undefined) {
      current.view = payload;
      current.hash = state.ids.hash();
      current.external_id = external;
      return { view: renderView(state, current) };
    }
    const view = state.newView({
      type: 'home',
      user,
      view: payload,
      external_id: external,
      status: 'open',
    });
    state.homeViewIds.set(user, view.id);
    return { view: renderView(state, view) };
  },

  'views.open': (state, params) => openModal(state, params, undefined),

  'views.push': (state, params) => {
    const { user } = useTrigger(state, params);
    const top = [...state.views.values()]
      .filter((v) => v.type === 'modal' && v.user === user && v.status === 'open')
      .at(-1);
    return openModal(state, params, top);
  },

  'views.update': (state, params) => {
    const byId = str(params, 'view_id');
    const byExternal = str(params, 'external_id');
    if (byId === undefined && byExternal === undefined) {
      throw new SlackApiError('invalid_arguments', ['[ERROR] view_id or external_id is required']);
    }
    const view = [...state.views.values()].find((v) =>
      byId !== undefined ? v.id === byId : v.external_id === byExternal,
    );
    if (view === undefined) throw new SlackApiError('not_found');
    checkHash(params, view);
    const payload = readView(params, view.type);
    const external = externalId(state, payload, view) ?? view.external_id;
    view.view = payload;
    view.hash = state.ids.hash();
    view.external_id = external;
    return { view: renderView(state, view) };
  },
};
