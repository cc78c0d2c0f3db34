import type { ModalView } from '@slack/types';
import { VIEWS } from '../constants.js';
import { COMMENT_FIELD, MAX_COMMENT_LENGTH } from '../feedback/comment.js';

/** The comment input's ids in the modal: `parseComment` reports errors against `COMMENT_BLOCK`. */
export const COMMENT_BLOCK = COMMENT_FIELD;
export const COMMENT_INPUT = 'text';

/**
 * The modal asking for a written comment (`request_for_text_feedback`); `private_metadata` is the
 * request id, prefilled with the comment already given, if any.
 */
export function feedbackCommentModal(requestId: string, current?: string | null): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.feedbackComment,
    private_metadata: requestId,
    title: { type: 'plain_text', text: 'Your feedback' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'input',
        block_id: COMMENT_BLOCK,
        label: { type: 'plain_text', text: 'Anything you would like to tell us?' },
        element: {
          type: 'plain_text_input',
          action_id: COMMENT_INPUT,
          multiline: true,
          max_length: MAX_COMMENT_LENGTH,
          ...(current ? { initial_value: current } : {}),
        },
      },
    ],
  };
}
