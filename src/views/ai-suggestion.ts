import type { KnownBlock } from '@slack/types';
import { ACTIONS } from '../constants.js';
import type { Classification } from '../requests/ai-classification.js';
import type { Category } from '../requests/classification.js';
import { escapeMrkdwn, truncate } from '../text/mrkdwn.js';
import { button } from './blocks.js';

/**
 * "Suggested: subtype bug · tags billing, urgent · Area: Billing": an AI classification as the
 * card shows it, a category's value by the name the channel gives it.
 */
export function suggestionText(
  suggestion: Classification,
  categories: readonly Category[] = [],
): string {
  const parts: string[] = [];
  if (suggestion.subType) parts.push(`subtype ${escapeMrkdwn(suggestion.subType)}`);
  if (suggestion.tags.length) parts.push(`tags ${suggestion.tags.map(escapeMrkdwn).join(', ')}`);
  for (const { name, value } of suggestion.categories) {
    const category = categories.find((c) => c.category_name === name);
    const shown = category?.available_values.find((v) => v.value === value)?.name ?? value;
    parts.push(`${escapeMrkdwn(name)}: ${escapeMrkdwn(truncate(shown, 100))}`);
  }
  return `Suggested: ${parts.join(' · ')}`;
}

/** A pending suggestion's lines on the card: what it sets, with **Apply** and **Dismiss**. */
export function suggestionBlocks(
  requestId: string,
  suggestion: (Classification & { state: string }) | null | undefined,
  categories?: readonly Category[],
): KnownBlock[] {
  if (!suggestion || suggestion.state !== 'pending') return [];
  return [
    {
      type: 'section',
      block_id: `ai_suggestion_${requestId}`,
      text: { type: 'mrkdwn', text: `:bulb: ${suggestionText(suggestion, categories)}` },
    },
    {
      type: 'actions',
      block_id: `ai_suggestion_actions_${requestId}`,
      elements: [
        button('Apply', ACTIONS.classifyApply, requestId, 'primary'),
        button('Dismiss', ACTIONS.classifyDismiss, requestId),
      ],
    },
  ];
}
