import {
  cardToPost,
  cardVersion,
  EFFECTS_OF_REDELIVERY,
  effectsOfChange,
  effectsOfCreation,
  type Effect,
  type RequestConfig,
  type RequestFacts,
} from '../../../src/requests/effects.js';
import type { RequestStatus } from '../../../src/requests/request.js';
import { Features } from '../../../src/settings/features.js';

/** Every notice off, so each row turns on what it is about. */
const QUIET: Partial<RequestConfig> = {
  add_emojis_on_request_thread: false,
  send_status_updates_on_request_thread: false,
  auto_respond_to_requests: false,
  send_request_detected_ephemeral_to_csm: false,
  send_first_request_notification: false,
  send_assigned_to_notification_to_user: false,
  send_auto_assigned_ephemeral: false,
};
const config = (over: Partial<RequestConfig> = {}): RequestConfig => ({
  ...Features.parse({}).requests.config,
  ...QUIET,
  ...over,
});
const REQUEST: RequestFacts = {
  channelId: 'C0ACME',
  rootTs: '1772445600.000100',
  requesterId: 'U0CUSTOMER',
  status: 'open',
  assigneeId: null,
};
const CHANNEL = { csmUserId: 'U0CSM', triageChannelId: 'C0TRIAGE' };
const CARD: Effect = { kind: 'card', mode: 'ensure' };
const REDRAW: Effect = { kind: 'card', mode: 'refresh' };
const ASSIGNED_DM: Effect = {
  kind: 'post',
  step: 'assigned_dm',
  channel: 'U0AGENT',
  text: 'You were assigned a request from <@U0CUSTOMER> in <#C0ACME>: <https://slack.com/archives/C0ACME/p1772445600000100|view thread>',
};
const AUTO_ASSIGNED: Effect = {
  kind: 'ephemeral',
  step: 'auto_assigned_ephemeral',
  channel: 'C0ACME',
  user: 'U0AGENT',
  threadTs: '1772445600.000100',
  text: 'You were automatically assigned this request from <@U0CUSTOMER>.',
};

const AUTO_RESPOND = {
  auto_respond_to_requests: true,
  message_for_auto_respond_to_requests: 'On it!',
};
const AUTO_RESPONSE = {
  kind: 'post',
  step: 'auto_respond',
  channel: 'C0ACME',
  threadTs: '1772445600.000100',
  text: 'On it!',
} as const;

describe('effectsOfCreation', () => {
  it.each<[string, Partial<RequestConfig>, Partial<RequestFacts>, boolean, Effect[]]>([
    ['with every notice off: the card, then the hooks', {}, {}, false, []],
    [
      'the status mark',
      { add_emojis_on_request_thread: true },
      {},
      false,
      [{ kind: 'mark', to: 'open' }],
    ],
    ['the auto-response in the thread', AUTO_RESPOND, {}, false, [AUTO_RESPONSE]],
    [
      'the auto-response with the CSM’s face',
      { ...AUTO_RESPOND, use_csm_avatar_for_auto_respond_to_requests: true },
      {},
      false,
      [{ ...AUTO_RESPONSE, asCsm: true }],
    ],
    [
      'the CSM’s heads-up',
      { send_request_detected_ephemeral_to_csm: true },
      {},
      false,
      [
        {
          kind: 'ephemeral',
          step: 'csm_ephemeral',
          channel: 'C0ACME',
          user: 'U0CSM',
          text: 'New request from <@U0CUSTOMER> detected in this channel.',
        },
      ],
    ],
    [
      'the first request of a channel',
      { send_first_request_notification: true },
      {},
      true,
      [
        {
          kind: 'post',
          step: 'first_request',
          channel: 'C0TRIAGE',
          text: ':tada: First request from <#C0ACME>.',
        },
      ],
    ],
    ['not for a second request', { send_first_request_notification: true }, {}, false, []],
    [
      'a request that starts assigned tells its assignee, as assigned by the bot',
      { send_assigned_to_notification_to_user: true, send_auto_assigned_ephemeral: true },
      { assigneeId: 'U0AGENT' },
      false,
      [ASSIGNED_DM, AUTO_ASSIGNED],
    ],
  ])('%s', (_case, over, request, first, between) => {
    expect(effectsOfCreation({ ...REQUEST, ...request }, CHANNEL, first, config(over))).toEqual([
      CARD,
      ...between,
      { kind: 'hooks', moment: 'created' },
    ]);
  });

  it('tells no CSM and no triage channel that the channel has not', () => {
    const all = config({
      send_request_detected_ephemeral_to_csm: true,
      send_first_request_notification: true,
    });
    expect(effectsOfCreation(REQUEST, {}, true, all)).toEqual([
      CARD,
      { kind: 'hooks', moment: 'created' },
    ]);
  });

  it('keeps the order people see: card, mark, reply, heads-up, first, assignee', () => {
    const all = config({
      add_emojis_on_request_thread: true,
      auto_respond_to_requests: true,
      send_request_detected_ephemeral_to_csm: true,
      send_first_request_notification: true,
      send_assigned_to_notification_to_user: true,
    });
    const steps = effectsOfCreation({ ...REQUEST, assigneeId: 'U0AGENT' }, CHANNEL, true, all).map(
      (e) => ('step' in e ? e.step : e.kind),
    );
    expect(steps).toEqual([
      'card',
      'mark',
      'auto_respond',
      'csm_ephemeral',
      'first_request',
      'assigned_dm',
      'hooks',
    ]);
  });
});

describe('EFFECTS_OF_REDELIVERY', () => {
  it('finishes only the idempotent part: the card and the hooks', () => {
    expect(EFFECTS_OF_REDELIVERY).toEqual([CARD, { kind: 'hooks', moment: 'created' }]);
  });
});

describe('effectsOfChange', () => {
  const notice = (text: string): Effect => ({
    kind: 'post',
    step: 'status_update',
    channel: 'C0ACME',
    threadTs: '1772445600.000100',
    text,
  });
  const LOUD = { add_emojis_on_request_thread: true, send_status_updates_on_request_thread: true };
  it.each<[string, Partial<RequestConfig>, Partial<RequestFacts>, string, Effect[]]>([
    [
      'an agent closes it: marks swapped, the thread told who',
      LOUD,
      { status: 'closed' },
      'U0AGENT',
      [
        { kind: 'mark', from: 'open', to: 'closed' },
        notice('This request is now *Closed* by <@U0AGENT>.'),
      ],
    ],
    [
      'the bot moves it: nobody named',
      LOUD,
      { status: 'discarded' },
      'bot',
      [{ kind: 'mark', from: 'open', to: 'discarded' }, notice('This request is now *Discarded*.')],
    ],
    [
      'the customer moves it: nobody named',
      { send_status_updates_on_request_thread: true },
      { status: 'in_progress' },
      'U0CUSTOMER',
      [notice('This request is now *In progress*.')],
    ],
    ['with notices off, only the card', {}, { status: 'on_hold' }, 'U0AGENT', []],
    [
      'an agent takes it: told by DM, no ephemeral (they did it themselves)',
      { ...LOUD, send_assigned_to_notification_to_user: true, send_auto_assigned_ephemeral: true },
      { assigneeId: 'U0AGENT' },
      'U0AGENT',
      [ASSIGNED_DM],
    ],
    [
      'the bot assigns it: DM and ephemeral',
      { send_assigned_to_notification_to_user: true, send_auto_assigned_ephemeral: true },
      { assigneeId: 'U0AGENT' },
      'bot',
      [ASSIGNED_DM, AUTO_ASSIGNED],
    ],
  ])('%s', (_case, over, after, by, between) => {
    expect(effectsOfChange(REQUEST, { ...REQUEST, ...after }, by, config(over))).toEqual([
      REDRAW,
      ...between,
      { kind: 'hooks', moment: 'changed' },
    ]);
  });

  it('tells nobody when the assignee stays the same', () => {
    const assigned = { ...REQUEST, assigneeId: 'U0AGENT' };
    const on = config({ send_assigned_to_notification_to_user: true });
    expect(effectsOfChange(assigned, { ...assigned, status: 'on_hold' }, 'U0AGENT', on)).toEqual([
      REDRAW,
      { kind: 'hooks', moment: 'changed' },
    ]);
  });
});

describe('cardToPost', () => {
  const CLEANED = new Date('2026-03-02T10:00:00.000Z');
  it.each<[string, RequestStatus, string | null, Date | null, boolean]>([
    ['a new request', 'open', null, null, true],
    ['a card already posted', 'open', '1772445601.000200', null, false],
    ['a closed request whose card clean-up deleted', 'closed', null, CLEANED, false],
    ['a discarded request whose card clean-up deleted', 'discarded', null, CLEANED, false],
    ['a request reopened after clean-up', 'open', null, CLEANED, true],
  ])('%s: %s', (_case, status, ts, deletedAt, expected) => {
    expect(cardToPost({ status, triage: { ts, deletedAt } })).toBe(expected);
  });
});

describe('cardVersion', () => {
  const drawn = {
    status: 'open' as RequestStatus,
    assigneeId: null as string | null,
    text: 'Invoices are missing',
    ticket: null as { id: string } | null,
    groupedTs: [] as string[],
    history: [{}],
  };

  it.each<[string, Partial<typeof drawn>]>([
    ['a status change', { status: 'on_hold', history: [{}, {}] }],
    ['an assignment', { assigneeId: 'U0AGENT', history: [{}, {}] }],
    ['an edit of the text', { text: 'Invoices are missing for March', history: [{}, {}] }],
    ['a ticket', { ticket: { id: 'T-1' }, history: [{}, {}] }],
    ['a grouped follow-up', { groupedTs: ['1767600000.000100'] }],
    ['any new history entry', { history: [{}, {}] }],
  ])('changes with %s, which the card shows', (_what, change) => {
    expect(cardVersion({ ...drawn, ...change })).not.toBe(cardVersion(drawn));
  });

  it('stays the same for what the card does not show', () => {
    const withTimes = { ...drawn, lastAgentActivityAt: new Date('2026-01-05T09:00:00Z') };
    expect(cardVersion(withTimes)).toBe(cardVersion(drawn));
  });
});
