import type { Features } from '../settings/features.js';

/** The two settings that say what the bot shows of a private channel. */
export type PrivacySettings = Pick<Features, 'hidePrivateChannelMetadata'> & {
  requests: { config: Pick<Features['requests']['config'], 'show_private_message_previews'> };
};

/**
 * What the bot shows of a channel's messages and name wherever it writes about them (triage
 * cards, SLA alerts, App Home, suggestions): everything for a public channel; for a private one,
 * under `hidePrivateChannelMetadata` (on by default) neither a preview nor the name, else the
 * name, and a preview only with `show_private_message_previews`.
 *
 * @example
 * channelPrivacy(true, { hidePrivateChannelMetadata: false, requests: { config: { show_private_message_previews: true } } });
 * // { showPreview: true, hideName: false }
 */
export function channelPrivacy(
  isPrivate: boolean,
  features: PrivacySettings,
): { showPreview: boolean; hideName: boolean } {
  if (!isPrivate) return { showPreview: true, hideName: false };
  if (features.hidePrivateChannelMetadata) return { showPreview: false, hideName: true };
  return { showPreview: features.requests.config.show_private_message_previews, hideName: false };
}
