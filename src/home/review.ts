import type { SuggestionReason } from '../requests/suggestion.js';

/** Kept messages the App Home lists for review, newest first. */
export const REVIEW_ITEMS = 5;

/** One kept message as the App Home shows it. */
export interface ReviewItem {
  id: string;
  channelId: string;
  ts: string;
  authorId: string;
  why: SuggestionReason;
  createdAt: Date;
  /** The message's text, or `null` when it must not be shown (a private channel). */
  preview: string | null;
  /** The channel must not be named (hidePrivateChannelMetadata on a private channel). */
  hideName: boolean;
}

export interface ReviewList {
  items: ReviewItem[];
  total: number;
}

/** What a channel's settings allow a kept message to show (`channelPrivacy`). */
export interface ReviewPrivacy {
  showPreview: boolean;
  hideName: boolean;
}

/** A kept message as stored. */
export interface StoredKept {
  _id: { toString(): string };
  channelId: string;
  ts: string;
  authorId: string;
  why: SuggestionReason;
  createdAt: Date;
  text: string;
}

/**
 * The review list from the loaded kept messages: each one's text only where its channel's
 * `privacy` allows; a channel the bot no longer knows shows neither text nor name (we cannot
 * tell whether it is private).
 */
export function reviewList(
  docs: StoredKept[],
  total: number,
  privacy: ReadonlyMap<string, ReviewPrivacy>,
): ReviewList {
  const hidden: ReviewPrivacy = { showPreview: false, hideName: true };
  return {
    total,
    items: docs.map((doc) => {
      const rules = privacy.get(doc.channelId) ?? hidden;
      return {
        id: String(doc._id),
        channelId: doc.channelId,
        ts: doc.ts,
        authorId: doc.authorId,
        why: doc.why,
        createdAt: doc.createdAt,
        preview: rules.showPreview ? doc.text : null,
        hideName: rules.hideName,
      };
    }),
  };
}
