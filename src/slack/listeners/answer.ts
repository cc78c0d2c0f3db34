import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { SlackGateway } from '../gateway.js';

/**
 * How a listener answers what a service decided, where several do it alike. Not a listener
 * itself: the listeners of `actions/` and `views/` import it.
 */

/**
 * A button or menu that opens a modal: the modal when the service gave one, else its sentence as
 * an ephemeral to the clicker in the channel clicked in.
 */
export async function openOrTell(
  slack: SlackGateway,
  body: { trigger_id: string; user: { id: string }; channel?: { id: string } },
  outcome: { ok: true; view: ModalView } | { ok: false; text: string },
  step: string,
): Promise<void> {
  const bestEffort = { step, user: body.user.id };
  if (outcome.ok) {
    await slack.openView({ trigger_id: body.trigger_id, view: outcome.view }, { bestEffort });
    return;
  }
  const channel = body.channel?.id;
  if (!channel) return;
  await slack.postEphemeral({ channel, user: body.user.id, text: outcome.text }, { bestEffort });
}

/**
 * A modal's submission: refused answers keep it open with each error under its field; else the
 * modal closes (the ack) and what follows runs (the card redrawn, …).
 */
export async function answerSubmission(
  ack: SlackViewMiddlewareArgs['ack'],
  outcome:
    { ok: false; errors: Record<string, string> } | { ok: true; follow: () => Promise<unknown> },
): Promise<void> {
  if (!outcome.ok) {
    await ack({ response_action: 'errors', errors: outcome.errors });
    return;
  }
  await ack();
  await outcome.follow();
}
