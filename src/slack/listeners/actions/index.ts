import type { App } from '@slack/bolt';
import type { BotDeps } from '../../../deps.js';
import * as cannedPick from './canned-pick.js';
import * as cardMenu from './card-menu.js';
import * as categoryButtons from './category-buttons.js';
import * as classifyPickers from './classify-pickers.js';
import * as draftButtons from './draft-buttons.js';
import * as escalateButton from './escalate-button.js';
import * as feedbackComment from './feedback-comment.js';
import * as fieldsMenu from './fields-menu.js';
import * as feedbackRating from './feedback-rating.js';
import * as homeAvailability from './home-availability.js';
import * as homeRefresh from './home-refresh.js';
import * as homeView from './home-view.js';
import * as kbButtons from './kb-buttons.js';
import * as raiseTicketButton from './raise-ticket-button.js';
import * as createTicketButton from './create-ticket-button.js';
import * as requestButtons from './request-buttons.js';
import * as nudgeButtons from './nudge-buttons.js';
import * as suggestionButtons from './suggestion-buttons.js';
import * as summariseButton from './summarise-button.js';
import * as ticketStatusButtons from './ticket-status-buttons.js';

/** Registers every action listener of this folder (one listener per file). */
export function register(app: App, deps: BotDeps): void {
  cannedPick.register(app, deps);
  cardMenu.register(app, deps);
  categoryButtons.register(app, deps);
  classifyPickers.register(app, deps);
  draftButtons.register(app, deps);
  escalateButton.register(app, deps);
  feedbackComment.register(app, deps);
  feedbackRating.register(app, deps);
  fieldsMenu.register(app, deps);
  homeAvailability.register(app, deps);
  homeRefresh.register(app, deps);
  homeView.register(app, deps);
  kbButtons.register(app, deps);
  nudgeButtons.register(app, deps);
  raiseTicketButton.register(app, deps);
  createTicketButton.register(app, deps);
  requestButtons.register(app, deps);
  suggestionButtons.register(app, deps);
  summariseButton.register(app, deps);
  ticketStatusButtons.register(app, deps);
}
