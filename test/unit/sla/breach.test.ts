import {
  breachClaim,
  breachPlan,
  breachStep,
  latestCustomerTs,
  type BreachPlan,
} from '../../../src/sla/breach.js';
import type { SlaKind } from '../../../src/sla/clocks.js';
import { at, features, slaRequest } from './fixtures.js';

describe('breachStep', () => {
  const due = at('2026-03-09T09:00:00Z'); // Mon 10:00 Berlin
  it.each([
    {
      case: 'breaches when due and not met',
      // response due Mon 10:00, no first response, now Mon 10:00 = breach
      kind: 'response' as SlaKind,
      request: slaRequest({ responseDueAt: due }),
      now: '2026-03-09T09:00:00Z',
      expected: { kind: 'fire', due },
    },
    {
      case: 'breaches a job that runs late',
      // due Mon 10:00, job runs Mon 10:07 = breach (still measured against 10:00)
      kind: 'response' as SlaKind,
      request: slaRequest({ responseDueAt: due }),
      now: '2026-03-09T09:07:00Z',
      expected: { kind: 'fire', due },
    },
    {
      case: 'does not breach when met before the due date',
      // first response Fri 16:30, due Mon 10:00 = met
      kind: 'response' as SlaKind,
      request: slaRequest({ responseDueAt: due }, { firstResponseAt: at('2026-03-06T15:30:00Z') }),
      now: '2026-03-09T09:00:00Z',
      expected: { kind: 'skip' },
    },
    {
      case: 'waits when the due date moved later (resumed after a hold)',
      // closure due moved to Tue 17:00; the old job fires Mon 16:00 = wait until Tue 17:00
      kind: 'closure' as SlaKind,
      request: slaRequest({ closureDueAt: at('2026-03-10T16:00:00Z') }),
      now: '2026-03-09T15:00:00Z',
      expected: { kind: 'wait', at: at('2026-03-10T16:00:00Z') },
    },
    {
      case: 'does not breach a paused closure',
      kind: 'closure' as SlaKind,
      request: slaRequest(
        { closureDueAt: due, pausedAt: at('2026-03-06T15:00:00Z') },
        { status: 'on_hold' },
      ),
      now: '2026-03-09T09:00:00Z',
      expected: { kind: 'skip' },
    },
    {
      case: 'does not breach twice',
      kind: 'closure' as SlaKind,
      request: slaRequest({ closureDueAt: due, closureBreachedAt: due }),
      now: '2026-03-09T10:00:00Z',
      expected: { kind: 'skip' },
    },
    {
      case: 'does not breach a closed request',
      kind: 'closure' as SlaKind,
      request: slaRequest({ closureDueAt: due }, { status: 'closed' }),
      now: '2026-03-09T10:00:00Z',
      expected: { kind: 'skip' },
    },
  ])('$case', ({ kind, request, now, expected }) => {
    expect(breachStep(kind, request, at(now))).toEqual(expected);
  });
});

describe('breachClaim', () => {
  it('is one key per SLA, request and due date', () => {
    expect(breachClaim('response', '65f000000000000000000001', at('2026-03-09T09:00:00Z'))).toBe(
      'sla:response:65f000000000000000000001:2026-03-09T09:00:00.000Z',
    );
  });
});

describe('breachPlan', () => {
  const quiet: BreachPlan = {
    alertChannel: 'C0TRIAGE',
    showPreview: true,
    hideChannelName: false,
    suggestDiscard: false,
    react: null,
    holdingReply: false,
    markRequest: false,
  };
  const channel = { triageChannelId: 'C0TRIAGE', isPrivate: false };

  describe('alert routing', () => {
    it.each<[string, SlaKind, Record<string, unknown>, string | null, string | null]>([
      // kind, support settings, channel's triage channel → where the alert goes
      [
        'response: its own SLA channel',
        'response',
        { response_sla: { sla_channel: 'C0SLA' } },
        'C0TRIAGE',
        'C0SLA',
      ],
      [
        'closure: its own SLA channel first',
        'closure',
        { response_sla: { sla_channel: 'C0SLA' }, request_closure_sla: { sla_channel: 'C0CLOSE' } },
        'C0TRIAGE',
        'C0CLOSE',
      ],
      [
        'closure: else the response SLA channel',
        'closure',
        { response_sla: { sla_channel: 'C0SLA' } },
        'C0TRIAGE',
        'C0SLA',
      ],
      ['response: else the triage channel', 'response', {}, 'C0TRIAGE', 'C0TRIAGE'],
      ['closure: else the triage channel', 'closure', {}, 'C0TRIAGE', 'C0TRIAGE'],
      ['nowhere when none is set', 'response', {}, null, null],
    ])('%s', (_case, kind, support, triageChannelId, expected) => {
      const plan = breachPlan(kind, features(support), { triageChannelId, isPrivate: false });
      expect(plan.alertChannel).toBe(expected);
    });
  });

  describe('actions', () => {
    const breach = (config: Record<string, unknown>) =>
      features({ response_sla: { sla_breach_config: config } });
    it.each<[string, Record<string, unknown>, Partial<BreachPlan>]>([
      ['none by default', {}, {}],
      [
        'reacts to the first message',
        { reaction: { isEnabled: true } },
        { react: 'first_message' },
      ],
      [
        'reacts to the latest customer message',
        { reaction: { isEnabled: true, message_ts_comparison: 'last_message' } },
        { react: 'last_message' },
      ],
      [
        'apologises in the thread',
        { conversation_response: { isEnabled: true } },
        { holdingReply: true },
      ],
      [
        'offers a Discard button',
        { suggested_request_invalidation: { isEnabled: true } },
        { suggestDiscard: true },
      ],
      ['marks the request and its card', { request: { isEnabled: true } }, { markRequest: true }],
    ])('%s', (_case, config, expected) => {
      for (const kind of ['response', 'closure'] as const) {
        expect(breachPlan(kind, breach(config), channel)).toEqual({ ...quiet, ...expected });
      }
    });
  });

  describe('preview', () => {
    it.each<[string, boolean, boolean, boolean, boolean]>([
      // private channel, show_private_message_previews, hidePrivateChannelMetadata → preview
      ['public channel', false, false, true, true],
      ['private channel', true, false, false, false],
      ['private channel with previews allowed, metadata shown', true, true, false, true],
      [
        'private channel with previews allowed, metadata hidden (the default)',
        true,
        true,
        true,
        false,
      ],
    ])('%s', (_case, isPrivate, allowed, hide, expected) => {
      const settings = {
        ...features({}, { show_private_message_previews: allowed }),
        hidePrivateChannelMetadata: hide,
      };
      const plan = breachPlan('response', settings, { triageChannelId: 'C0TRIAGE', isPrivate });
      expect(plan.showPreview).toBe(expected);
    });
  });

  describe('channel name', () => {
    it.each<[string, boolean, boolean, boolean]>([
      // private channel, hidePrivateChannelMetadata → name left out
      ['public channel', false, true, false],
      ['private channel, metadata hidden (the default)', true, true, true],
      ['private channel, metadata shown', true, false, false],
    ])('%s', (_case, isPrivate, hide, expected) => {
      const settings = { ...features({}), hidePrivateChannelMetadata: hide };
      const plan = breachPlan('response', settings, { triageChannelId: 'C0TRIAGE', isPrivate });
      expect(plan.hideChannelName).toBe(expected);
    });
  });
});

describe('latestCustomerTs', () => {
  const internal = new Set(['U0AGENT']);
  const request = { rootTs: '1741273200.000100', groupedTs: ['1741273260.000200'] };
  it.each([
    ['the root without replies', { ...request, groupedTs: [] }, [], '1741273200.000100'],
    ['a grouped message after the root', request, [], '1741273260.000200'],
    [
      'a customer reply in the thread',
      request,
      [
        { ts: '1741273200.000100', user: 'U0CUST' },
        { ts: '1741273300.000300', user: 'U0CUST' },
        { ts: '1741273400.000400', user: 'U0AGENT' }, // the support side does not count
        { ts: '1741273500.000500', user: 'U0CUST', bot_id: 'B0BOT' }, // nor a bot
      ],
      '1741273300.000300',
    ],
  ])('%s', (_case, facts, replies, expected) => {
    expect(latestCustomerTs(facts, replies, internal)).toBe(expected);
  });
});
