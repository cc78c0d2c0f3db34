import type { KnownBlock, PlainTextOption } from '@slack/types';
import { ACTIONS } from '../constants.js';
import type { HomeViews } from '../home/summary.js';
import { truncate } from '../text/mrkdwn.js';

/** The "Your views" menu's value for the default lists. */
export const ALL_REQUESTS = 'all';
/** Slack cuts an option's text at 75 characters; a filter's name may have 80. */
const OPTION_CHARS = 75;

const option = (text: string, value: string): PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(text, OPTION_CHARS) },
  value,
});

/**
 * "Your views": the viewer's saved filters in a menu, the chosen one (else "All open requests")
 * selected. Choosing one publishes the Home with that view's requests instead of the lists.
 */
export function viewsBlock(views: HomeViews): KnownBlock {
  const all = option('All open requests', ALL_REQUESTS);
  const options = [all, ...views.filters.map((filter) => option(filter.name, filter.id))];
  const chosen = options.find((o) => o.value === views.chosen?.id) ?? all;
  return {
    type: 'section',
    block_id: 'home_views',
    text: { type: 'mrkdwn', text: '*Your views*' },
    accessory: {
      type: 'static_select',
      action_id: ACTIONS.homeView,
      placeholder: { type: 'plain_text', text: 'Choose a view' },
      options,
      initial_option: chosen,
    },
  };
}
