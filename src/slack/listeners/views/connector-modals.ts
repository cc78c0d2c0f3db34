import type { App } from '@slack/bolt';
import { VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { connectorSubmitted } from '../../../services/connectors/home-buttons.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';
import { answerSubmission } from '../answer.js';

/**
 * App Home's Add and Edit connector modals: the vendor checks the credentials before the ack (a
 * refusal stays on the modal under its field, nothing stored); a save closes the modal and
 * republishes the submitter's Home.
 */
export function register(app: App, deps: BotDeps): void {
  for (const [callbackId, kind] of [
    [VIEWS.connectorAdd, 'add'],
    [VIEWS.connectorEdit, 'edit'],
  ] as const) {
    app.view(callbackId, async ({ ack, body, view, client, context }) => {
      const slack = new SlackGateway(client, deps.logger);
      const { teamId, userId } = actorOf(body, context);
      const outcome = await connectorSubmitted(deps, slack, {
        teamId,
        userId,
        kind,
        metadata: view.private_metadata,
        values: view.state.values,
      });
      await answerSubmission(ack, outcome);
    });
  }
}
