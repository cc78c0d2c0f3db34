import type { KnownBlock, ModalView } from '@slack/types';
import { ACTIONS, VIEWS } from '../constants.js';
import { truncate } from '../text/mrkdwn.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** Slack's limit on a static select's options. */
export const MAX_MENU_OPTIONS = 100;
/** The block of the modal's menu, where a refusal of the submission is shown. */
export const CANNED_BLOCK = 'canned_response';

/** What the modal carries in `private_metadata`. */
export interface CannedModalState {
  requestId: string;
}

/** A response as the menu offers it. */
export interface CannedChoice {
  shortCode: string;
  content: string;
}

/**
 * The "Insert canned response" modal: a menu of the workspace's responses (the first 100 by
 * short code; `/triage reply` takes any), each with the start of its content, and once one is
 * picked its text as it will be posted.
 */
export function cannedModal(
  state: CannedModalState,
  choices: readonly CannedChoice[],
  picked?: { shortCode: string; preview: string },
): ModalView {
  const options = choices.slice(0, MAX_MENU_OPTIONS).map((choice) => ({
    text: plain(truncate(choice.shortCode, 75)),
    value: choice.shortCode,
    description: plain(truncate(choice.content.replace(/\s+/g, ' '), 75)),
  }));
  const initial = options.find((option) => option.value === picked?.shortCode);
  const more =
    choices.length > MAX_MENU_OPTIONS
      ? [
          context(
            `The first ${MAX_MENU_OPTIONS} of ${choices.length}: \`/triage reply <short code> <link>\` takes any.`,
          ),
        ]
      : [];
  const preview: KnownBlock[] = picked
    ? [
        context('Preview: posted under your name in the request’s thread'),
        { type: 'section', text: { type: 'mrkdwn', text: truncate(picked.preview, 3000) } },
      ]
    : [];
  return {
    type: 'modal',
    callback_id: VIEWS.cannedResponse,
    private_metadata: JSON.stringify(state),
    title: plain('Canned response'),
    submit: plain('Post in thread'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: CANNED_BLOCK,
        dispatch_action: true,
        label: plain('Response'),
        element: {
          type: 'static_select',
          action_id: ACTIONS.cannedPick,
          placeholder: plain('Pick a short code'),
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      },
      ...more,
      ...preview,
    ],
  };
}

/** A modal that only says why there is nothing to pick (no request, not an agent, no responses). */
export function cannedNoticeModal(text: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.cannedResponse,
    title: plain('Canned response'),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
