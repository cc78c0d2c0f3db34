import type { KnownBlock, ModalView, Overflow } from '@slack/types';
import { ACTIONS, VIEWS } from '../constants.js';
import { MAX_TEXT, type FieldDefinition } from '../custom-fields/definition.js';
import { shownValue, type FieldValue } from '../custom-fields/values.js';
import { escapeMrkdwn, truncate } from '../text/mrkdwn.js';

/** The fields that apply to a request's channel and the values it holds, as the card shows them. */
export interface CardFields {
  fields: readonly FieldDefinition[];
  values: readonly FieldValue[];
}

/** Modal inputs: `block_id` is the prefix and the field's key; every input's `action_id` is the same. */
export const FIELD_INPUT_BLOCK = 'field_';
export const FIELD_INPUT = 'field_value';
/** The list menu's "not set" option (Slack has no way to clear a picked option). */
export const NO_OPTION = '__none__';

/** Slack's limits: an option's text 75 characters and value 150. */
const OPTION_TEXT = 75;
const OPTION_VALUE = 150;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const option = (text: string, value: string) => ({
  text: plain(truncate(text, OPTION_TEXT)),
  value,
});

/** "Plan: Enterprise · Renewal: 1 Dec 2026": the fields set, in the channel's order. */
export function fieldsNote(card: CardFields | undefined): string | undefined {
  const shown = (card?.fields ?? []).flatMap((field) => {
    const set = card?.values.find((v) => v.key === field.key);
    if (!set) return [];
    const value = escapeMrkdwn(truncate(shownValue(field, set.value), 100));
    return [`${escapeMrkdwn(field.name)}: ${value}`];
  });
  return shown.length ? shown.join(' · ') : undefined;
}

/** The card's overflow menu ("Edit fields"), carrying the request id. */
export function fieldsMenu(requestId: string): Overflow {
  return {
    type: 'overflow',
    action_id: ACTIONS.fieldsMenu,
    options: [option('Edit fields', requestId)],
  };
}

/** What the fields modal carries to its submission. */
export interface FieldsModalState {
  requestId: string;
  /** `valuesStamp` of the values the modal was opened on. */
  stamp: string;
}

/** One input per field, prefilled: text, number (decimals allowed), a menu of the options, a date. */
function fieldInput(field: FieldDefinition, value: string | number | undefined): KnownBlock {
  const text = value === undefined ? undefined : String(value);
  const element = (() => {
    switch (field.type) {
      case 'text':
        return {
          type: 'plain_text_input' as const,
          max_length: MAX_TEXT,
          ...(text ? { initial_value: text } : {}),
        };
      case 'number':
        return {
          type: 'number_input' as const,
          is_decimal_allowed: true,
          ...(text ? { initial_value: text } : {}),
        };
      case 'list': {
        // A value the list no longer offers is kept (and shown) until someone picks another.
        const kept = text !== undefined && !field.values.includes(text) ? [text] : [];
        const offered = [...field.values, ...kept]
          .filter((v) => v.length <= OPTION_VALUE)
          .map((v) => option(v, v));
        const current = offered.find((o) => o.value === text);
        return {
          type: 'static_select' as const,
          options: [option('(not set)', NO_OPTION), ...offered],
          ...(current ? { initial_option: current } : {}),
        };
      }
      case 'date':
        return { type: 'datepicker' as const, ...(text ? { initial_date: text } : {}) };
    }
  })();
  return {
    type: 'input',
    block_id: `${FIELD_INPUT_BLOCK}${field.key}`,
    optional: true,
    label: plain(truncate(field.name, 2000)),
    element: { ...element, action_id: FIELD_INPUT },
  } as KnownBlock;
}

/** The "Edit fields" modal: one optional input per field that applies to the request's channel. */
export function customFieldsModal(
  state: FieldsModalState,
  fields: readonly FieldDefinition[],
  values: readonly FieldValue[],
): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.customFields,
    private_metadata: JSON.stringify(state),
    title: plain('Fields'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: fields.map((field) =>
      fieldInput(field, values.find((v) => v.key === field.key)?.value),
    ),
  };
}
