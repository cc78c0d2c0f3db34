import type { App } from '@slack/bolt';
import type { BotDeps } from '../../../deps.js';
import * as connectorModals from './connector-modals.js';
import * as cannedModal from './canned-modal.js';
import * as categoriesModal from './categories-modal.js';
import * as draftModal from './draft-modal.js';
import * as feedbackComment from './feedback-comment.js';
import * as internalTicketModal from './internal-ticket-modal.js';
import * as fieldsModal from './fields-modal.js';
import * as helpdeskTicketModal from './helpdesk-ticket-modal.js';

/** Registers every view listener of this folder (one listener per file). */
export function register(app: App, deps: BotDeps): void {
  cannedModal.register(app, deps);
  categoriesModal.register(app, deps);
  connectorModals.register(app, deps);
  draftModal.register(app, deps);
  feedbackComment.register(app, deps);
  internalTicketModal.register(app, deps);
  fieldsModal.register(app, deps);
  helpdeskTicketModal.register(app, deps);
}
