import type { ActionsBlockElement, KnownBlock, ModalView } from '@slack/types';
import { ACTIONS, CLASSIFY_BLOCK, VIEWS } from '../constants.js';
import { MAX_TEXT_VALUE, type CategoryValue } from '../requests/classification.js';
import { classificationStamp } from '../requests/card-picks.js';
import type { Features } from '../settings/features.js';
import type { NamedValue } from '../settings/primitives.js';
import { escapeMrkdwn, truncate } from '../text/mrkdwn.js';

type Category = Features['requests']['categories'][number];

/** What a channel classifies requests by: `requests.support.severity[]`, `tags[]`, `categories[]`. */
export interface ClassificationLists {
  severity: readonly NamedValue[];
  tags: readonly NamedValue[];
  categories?: readonly Category[];
}

/** What a card shows of a request's classification. */
interface Shown {
  _id: unknown;
  severity?: string | null;
  tags?: readonly string[];
  categories?: readonly CategoryValue[];
  subType?: string | null;
}

/** Slack's limits: an option's text 75 characters and value 150; a button's text 75; 25 elements an actions block. */
const OPTION_TEXT = 75;
const OPTION_VALUE = 150;
const ACTIONS_PER_BLOCK = 25;

/**
 * " · Subtype: *bug* · Severity: *High* · Tags: Billing, Login", by the names the channel gives
 * the values.
 */
export function classificationNote(
  request: Omit<Shown, '_id'>,
  lists?: ClassificationLists,
): string {
  const nameOf = (list: readonly NamedValue[] | undefined, value: string) =>
    escapeMrkdwn(list?.find((v) => v.value === value)?.name ?? value);
  const severity = request.severity
    ? ` · Severity: *${nameOf(lists?.severity, request.severity)}*`
    : '';
  const tags = request.tags?.length
    ? ` · Tags: ${request.tags.map((tag) => nameOf(lists?.tags, tag)).join(', ')}`
    : '';
  const subType = request.subType ? ` · Subtype: *${escapeMrkdwn(request.subType)}*` : '';
  return `${subType}${severity}${tags}`;
}

/** "Area: *Billing* · Root cause: *disk full*": the category values set, in the channel's order. */
export function categoriesNote(
  request: Omit<Shown, '_id'>,
  lists?: ClassificationLists,
): string | undefined {
  const values = request.categories ?? [];
  const shown = (lists?.categories ?? []).flatMap((category) => {
    const set = values.find((v) => v.name === category.category_name);
    if (!set) return [];
    const name = category.available_values.find((v) => v.value === set.value)?.name ?? set.value;
    return [`${escapeMrkdwn(category.category_name)}: *${escapeMrkdwn(truncate(name, 100))}*`];
  });
  return shown.length ? shown.join(' · ') : undefined;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const option = (v: NamedValue) => ({ text: plain(truncate(v.name, OPTION_TEXT)), value: v.value });
/** A value longer than an option may carry is left out of the menu. */
const options = (list: readonly NamedValue[]) =>
  list.filter((v) => v.value.length <= OPTION_VALUE).map(option);

/**
 * The severity and tags menus and one element per category (a menu for a `select` category, a
 * button opening a modal for a `text` one), in actions blocks of at most 25 elements whose ids
 * carry the request and the stamp of what the card shows (a pick from an outdated card is refused).
 */
export function classificationPickers(request: Shown, lists?: ClassificationLists): KnownBlock[] {
  if (!lists) return [];
  const id = String(request._id);
  const severities = options(lists.severity);
  const tags = options(lists.tags);
  const currentSeverity = severities.find((o) => o.value === request.severity);
  const currentTags = tags.filter((o) => request.tags?.includes(o.value));
  const elements: ActionsBlockElement[] = [];
  if (severities.length) {
    elements.push({
      type: 'static_select' as const,
      action_id: ACTIONS.severity,
      placeholder: plain('Severity'),
      options: severities,
      ...(currentSeverity ? { initial_option: currentSeverity } : {}),
    });
  }
  if (tags.length) {
    elements.push({
      type: 'multi_static_select' as const,
      action_id: ACTIONS.tags,
      placeholder: plain('Tags'),
      options: tags,
      ...(currentTags.length ? { initial_options: currentTags } : {}),
    });
  }
  for (const category of lists.categories ?? []) {
    const value = request.categories?.find((v) => v.name === category.category_name)?.value;
    elements.push(categoryElement(id, category, value));
  }
  const stamp = classificationStamp({
    severity: request.severity ?? null,
    tags: request.tags ?? [],
    categories: request.categories ?? [],
  });
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < elements.length; i += ACTIONS_PER_BLOCK) {
    const n = i / ACTIONS_PER_BLOCK;
    blocks.push({
      type: 'actions',
      block_id: `${CLASSIFY_BLOCK}${id}_${stamp}${n ? `_${n}` : ''}`,
      elements: elements.slice(i, i + ACTIONS_PER_BLOCK),
    });
  }
  return blocks;
}

function categoryElement(
  requestId: string,
  category: Category,
  value: string | undefined,
): ActionsBlockElement {
  const name = category.category_name;
  if (category.type === 'select') {
    const offered = options(category.available_values);
    const current = offered.find((o) => o.value === value);
    return {
      type: 'static_select' as const,
      action_id: `${ACTIONS.categorySelect}${name}`,
      placeholder: plain(truncate(name, 150)),
      options: offered,
      ...(current ? { initial_option: current } : {}),
    };
  }
  return {
    type: 'button' as const,
    action_id: `${ACTIONS.categoryText}${name}`,
    text: plain(truncate(value ? `${name}: ${value}` : `Set ${name}`, OPTION_TEXT)),
    value: requestId,
  };
}

/** What the categories modal carries in `private_metadata`. */
export interface CategoriesModalState {
  requestId: string;
  /** Close the request once the values are set (a close that asked for them). */
  close: boolean;
}

/** The block id of a category's input in the modal: its name after this prefix. */
export const CATEGORY_INPUT_BLOCK = 'category_';
export const CATEGORY_INPUT = 'value';

/**
 * The modal asking for categories: a text input or a menu per category, prefilled with its
 * value. With `close`, it is the close of a request that still misses mandatory categories.
 */
export function categoriesModal(
  state: CategoriesModalState,
  categories: readonly Category[],
  values: readonly CategoryValue[],
): ModalView {
  const blocks: KnownBlock[] = categories.map((category) => {
    const value = values.find((v) => v.name === category.category_name)?.value;
    const element =
      category.type === 'select'
        ? (() => {
            const offered = options(category.available_values);
            const current = offered.find((o) => o.value === value);
            return {
              type: 'static_select' as const,
              action_id: CATEGORY_INPUT,
              options: offered,
              ...(current ? { initial_option: current } : {}),
            };
          })()
        : {
            type: 'plain_text_input' as const,
            action_id: CATEGORY_INPUT,
            max_length: MAX_TEXT_VALUE,
            ...(value ? { initial_value: value } : {}),
          };
    return {
      type: 'input',
      block_id: `${CATEGORY_INPUT_BLOCK}${category.category_name}`,
      label: plain(truncate(category.category_name, 2000)),
      element,
    } as KnownBlock;
  });
  const intro = state.close
    ? [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: 'This request needs these categories before it is closed.',
          },
        } as KnownBlock,
      ]
    : [];
  return {
    type: 'modal',
    callback_id: VIEWS.categories,
    private_metadata: JSON.stringify(state),
    title: plain('Categories'),
    submit: plain(state.close ? 'Save and close' : 'Save'),
    close: plain('Cancel'),
    blocks: [...intro, ...blocks],
  };
}

/** "Needs Area, Root cause": what a closed request still misses (closed by the customer or a timer). */
export function needsCategoryNote(missing: readonly string[]): string | undefined {
  if (missing.length === 0) return undefined;
  return `:warning: *Needs category*: ${missing.map(escapeMrkdwn).join(', ')}`;
}

/** The ephemeral a ✅ close gets while mandatory categories are missing: a button opens the modal. */
export function closeNeedsCategoriesPrompt(
  requestId: string,
  missing: readonly string[],
): { text: string; blocks: KnownBlock[] } {
  const text = `This request needs ${missing.map(escapeMrkdwn).join(', ')} before it is closed; it is still open.`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTIONS.categoriesForClose,
            text: plain('Set categories and close'),
            style: 'primary',
            value: requestId,
          },
        ],
      },
    ],
  };
}
