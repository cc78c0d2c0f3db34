import { z } from 'zod';
import type { Features } from '../settings/features.js';
import { isPleasantry, type TopLevelDecision } from './detection.js';

/**
 * Suggested requests (issue 11, part 6): top-level messages in a customer channel that the
 * detector is unsure of go to the suggestions channel with **Create request** / **Dismiss**
 * instead of opening a request on their own, and (with `store_non_suggested_request`) messages
 * that open nothing are kept for review. The detector is unsure of two kinds of message:
 *
 * - **A question from the support side**: someone of the workspace's own team asks in the
 *   customer channel ("Can you share the invoice number?" is an agent talking to the customer;
 *   "Is the export broken for Acme?" may be a request raised on the customer's behalf). Today
 *   such messages never open a request; a suggestion lets an agent turn one into a request.
 * - **An unclear customer message**: not a pleasantry, but too short to say what is wanted and
 *   not a question ("invoice", "following up", "hmm"). Without suggestions it opens a request,
 *   as before.
 */

/**
 * Kept messages (`store_non_suggested_request`) are for review, not an archive: each is kept
 * this many days (housekeeping sweeps older suggestions of every state), and a channel keeps
 * at most {@link KEEP_PER_CHANNEL} of them, its oldest going first, so a chatty channel cannot
 * fill the collection.
 */
export const KEEP_DAYS = 30;
export const KEEP_PER_CHANNEL = 200;

/** Suggestions created before this are swept (see {@link KEEP_DAYS}). */
export function keptUntil(now: Date): Date {
  return new Date(now.getTime() - KEEP_DAYS * 24 * 60 * 60_000);
}

/** At most this many words, with no question in them, is too short to tell what is wanted. */
export const UNCLEAR_MAX_WORDS = 3;

const QUESTION_START =
  /^(?:how|what|why|when|where|who|which|can|could|would|will|should|is|are|was|were|does|do|did|has|have|any|please|pls|help)\b/i;

/** A question: a `?`, or a sentence that opens as one ("how do I…", "please check…"). */
export function looksLikeQuestion(text: string): boolean {
  const plain = text.replace(/<[^>]+>/g, ' ').trim();
  return plain.includes('?') || QUESTION_START.test(plain);
}

/** Not a pleasantry, not a question, and at most {@link UNCLEAR_MAX_WORDS} words. */
export function isUnclear(text: string): boolean {
  const plain = text
    .replace(/<[^>]+>/g, ' ')
    .replace(/:[a-z0-9_+'-]+:/gi, ' ')
    .trim();
  if (!plain || isPleasantry(text) || looksLikeQuestion(plain)) return false;
  return plain.split(/\s+/).length <= UNCLEAR_MAX_WORDS;
}

/**
 * Why a message became a suggestion or was kept (`decideSuggestion` in
 * `src/requests/suggestion.ts`).
 */
export const SuggestionReason = z.enum([
  'agent_question',
  'unclear',
  'agent_message',
  'pleasantry',
  'detection_blocked',
  'discarded_recently',
]);
export type SuggestionReason = z.infer<typeof SuggestionReason>;

/** What the suggestion rules read of the channel's settings. */
export interface SuggestionSettings {
  suggest: boolean;
  /** Where suggestions go; `null` falls back to the channel's triage channel. */
  channelId: string | null;
  keepOthers: boolean;
}

export function suggestionSettings(features: Features): SuggestionSettings {
  const config = features.requests.config;
  return {
    suggest: config.send_suggestedrequest_message,
    channelId: config.send_suggestedrequest_message_channel,
    keepOthers: config.store_non_suggested_request,
  };
}

export type SuggestionDecision =
  /** Follow the detector: open, group or ignore as it said. */
  | { action: 'follow' }
  /** Post a suggestion instead (no request until someone clicks Create request). */
  | { action: 'suggest'; why: 'agent_question' | 'unclear' }
  /** Open nothing, and keep the message for review. */
  | {
      action: 'keep';
      why: 'agent_message' | 'pleasantry' | 'detection_blocked' | 'discarded_recently';
    };

/**
 * A top-level message in a customer channel, after the detector's decision for a customer
 * (`decideTopLevel`; none for an agent, whose messages the detector does not judge).
 *
 * @example
 * decideSuggestion(on, 'agent', 'Is the export broken for Acme?', undefined); // suggest: agent_question
 * decideSuggestion(on, 'customer', 'invoice', { action: 'create' }); // suggest: unclear
 */
export function decideSuggestion(
  settings: SuggestionSettings,
  sender: 'customer' | 'agent',
  text: string,
  detector: TopLevelDecision | undefined,
): SuggestionDecision {
  if (sender === 'agent') {
    if (settings.suggest && looksLikeQuestion(text))
      return { action: 'suggest', why: 'agent_question' };
    return settings.keepOthers ? { action: 'keep', why: 'agent_message' } : { action: 'follow' };
  }
  if (!detector || detector.action === 'group') return { action: 'follow' };
  if (detector.action === 'ignore') {
    return settings.keepOthers ? { action: 'keep', why: detector.reason } : { action: 'follow' };
  }
  if (settings.suggest && isUnclear(text)) return { action: 'suggest', why: 'unclear' };
  return { action: 'follow' };
}

/** Where a suggestion goes: `send_suggestedrequest_message_channel`, else the triage channel. */
export function suggestionTarget(
  settings: SuggestionSettings,
  triageChannelId: string | null | undefined,
): string | null {
  return settings.channelId ?? triageChannelId ?? null;
}
