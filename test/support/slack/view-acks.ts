import type { SlackState } from './state.js';
import type { SimView } from './types.js';

/**
 * What Slack does with the app's answer to a `view_submission`: `errors` keeps the modal
 * open showing them, `update` replaces it, `push` stacks a new one, `clear` closes the
 * whole stack, and anything else (an empty ack) closes the submitted modal.
 */
export function applyViewAck(
  state: SlackState,
  submitted: SimView,
  ack: Record<string, unknown>,
): void {
  const action = ack.response_action;
  const view =
    typeof ack.view === 'object' && ack.view !== null
      ? (ack.view as Record<string, unknown>)
      : undefined;
  if (action === 'errors') {
    submitted.errors = (ack.errors ?? {}) as Record<string, string>;
    return;
  }
  delete submitted.errors;
  if (action === 'update' && view !== undefined) {
    submitted.view = view;
    submitted.hash = state.ids.hash();
    return;
  }
  if (action === 'push' && view !== undefined) {
    const pushed = state.newView({ type: 'modal', user: submitted.user, view, status: 'open' });
    pushed.root_view_id = submitted.root_view_id;
    pushed.previous_view_id = submitted.id;
    return;
  }
  if (action === 'clear') {
    for (const v of state.views.values()) {
      if (
        v.type === 'modal' &&
        v.user === submitted.user &&
        v.root_view_id === submitted.root_view_id
      ) {
        v.status = 'closed';
      }
    }
    return;
  }
  submitted.status = 'closed';
}
