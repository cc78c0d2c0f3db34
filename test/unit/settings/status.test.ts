import { settingsCatalog } from '../../../src/settings/catalog.js';
import {
  STATUS_RULES,
  actingCount,
  settingStatus,
  statusRule,
  statusText,
} from '../../../src/settings/status.js';

const catalog = settingsCatalog();
const keys = [...catalog.leaves.keys()];

describe('setting status', () => {
  it('has a status for every catalog key', () => {
    expect(keys.filter((key) => statusRule(key) === undefined)).toEqual([]);
  });

  it('has no rule that matches no key (a renamed or removed setting)', () => {
    const used = new Set(keys.map((key) => statusRule(key)));
    expect(Object.keys(STATUS_RULES).filter((rule) => !used.has(rule))).toEqual([]);
  });

  it.each<[string, string]>([
    ['requests.config.conversation_grouping_window', 'acts'],
    ['requests.support.response_sla.workingHoursConfig.timezone', 'acts'],
    ['requests.config.is_request_escalation_enabled', 'acts'],
    ['requests.config.store_non_suggested_request', 'acts'],
    ['requests.config.show_user_emails_in_assignee', 'acts'],
    ['requests.custom_fields', 'acts'],
    ['tickets.config.formIds', 'acts'],
    ['tickets.config.hide_urgency', 'acts'],
    ['tickets.config.enable_follow_up_ticket', 'acts'],
    ['tickets.config.escalation_cool_off_period_in_min', 'acts'], // in the tickets group, for escalation
    [
      'emailToSlack.mappings',
      'acts in part (addresses, channelId, name (the From name of replies), emailBlockingEnabled, dnsVerified, emailReceivingVerified (set when mail to it arrives) and emailForwardingVerified (set when forwarded mail arrives) act, the last two for mappings in the workspace list; the *WebhookCreatedAt times stay as stored (no provider webhooks)); the rest: issue 15 (email)',
    ],
    ['ma.config.disableTrackingPixel', 'acts'],
    ['requests.aiTags.userDefinedTags', 'acts'],
    ['hidePrivateChannelMetadata', 'acts'],
    ['crm.internal_channels.pattern', 'acts'],
    ['crm.summariser.timezone', 'acts'],
    ['crm.additional_fields', 'acts'],
    ['crm.type', 'acts'],
  ])('says what %s does: %s', (key, text) => {
    expect(statusText(settingStatus(key))).toBe(text);
  });

  it('matches whole key segments only', () => {
    expect(statusRule('requests.configX')).toBeUndefined();
    expect(() => settingStatus('nope')).toThrow(/no status for setting "nope"/);
  });

  it('counts the settings that act', () => {
    expect(actingCount(catalog)).toEqual({ acting: 137, total: 138 });
  });
});
