import {
  afterLostGrouping,
  decideMessageChange,
  decideThreadReply,
  decideTopLevel,
  detectionSettings,
  firstSeenKind,
  isPleasantry,
  requestText,
  type DetectionSettings,
  type RecentRequest,
  type ThreadReplyDecision,
  type TopLevelDecision,
} from '../../../src/requests/detection.js';
import type { RequestStatus } from '../../../src/requests/request.js';
import { Features } from '../../../src/settings/features.js';

const settings = (over: Partial<DetectionSettings> = {}): DetectionSettings => ({
  blockRequestDetection: false,
  groupingWindowMinutes: 10,
  suppressOnNonClosedThreads: true,
  reopenClosed: true,
  blockOnDiscarded: false,
  ...over,
});
const NOW = new Date('2026-03-02T10:00:00.000Z');
const latest = (status: RequestStatus, lastTopLevelAt: string): RecentRequest => ({
  id: 'R1',
  status,
  lastTopLevelAt: new Date(lastTopLevelAt),
});

describe('isPleasantry', () => {
  it.each<[string, boolean]>([
    ['thanks!', true],
    ['Thank you so much.', true],
    ['ok 👍', true],
    [':+1: :pray:', true],
    ['<@U0AGENT> thanks a lot', true],
    ['👍🏽', true],
    ['hi', true],
    ['', false],
    ['   ', false],
    ['thanks, but the export still fails', false],
    ['Exports fail with a 500', false],
    [`ok ${'ok '.repeat(30)}`, false], // longer than 60 characters: someone is saying something
  ])('%j → %s', (text, expected) => {
    expect(isPleasantry(text)).toBe(expected);
  });
});

describe('decideTopLevel', () => {
  it.each<
    [string, Partial<DetectionSettings>, string, RecentRequest | undefined, TopLevelDecision]
  >([
    ['a first message opens a request', {}, 'Exports fail', undefined, { action: 'create' }],
    [
      // 09:55 + 10 min window = 10:05 ≥ 10:00
      'a message 5 min after a live one joins it',
      {},
      'Also imports',
      latest('in_progress', '2026-03-02T09:55:00.000Z'),
      { action: 'group', requestId: 'R1' },
    ],
    [
      // 09:50 + 10 min = 10:00: the window's last instant still groups
      'a message exactly at the window’s end joins it',
      {},
      'Also imports',
      latest('on_hold', '2026-03-02T09:50:00.000Z'),
      { action: 'group', requestId: 'R1' },
    ],
    [
      // 09:49:59 + 10 min = 09:59:59 < 10:00
      'a message a second after the window opens a request',
      {},
      'Also imports',
      latest('open', '2026-03-02T09:49:59.000Z'),
      { action: 'create' },
    ],
    [
      'a pleasantry inside the window still joins the live request',
      {},
      'thanks!',
      latest('open', '2026-03-02T09:58:00.000Z'),
      { action: 'group', requestId: 'R1' },
    ],
    [
      'a pleasantry on its own opens nothing',
      {},
      'thanks!',
      undefined,
      { action: 'ignore', reason: 'pleasantry' },
    ],
    [
      'a message after a recently closed request opens a new one',
      {},
      'One more thing',
      latest('closed', '2026-03-02T09:58:00.000Z'),
      { action: 'create' },
    ],
    [
      'a message soon after a discarded request opens one when discards do not block',
      {},
      'Still broken',
      latest('discarded', '2026-03-02T09:58:00.000Z'),
      { action: 'create' },
    ],
    [
      'a message soon after a discarded request is ignored when discards block',
      { blockOnDiscarded: true },
      'Still broken',
      latest('discarded', '2026-03-02T09:58:00.000Z'),
      { action: 'ignore', reason: 'discarded_recently' },
    ],
    [
      // 09:40 + 10 min = 09:50 < 10:00: the discard is too old to block
      'a discard outside the window blocks nothing',
      { blockOnDiscarded: true },
      'Still broken',
      latest('discarded', '2026-03-02T09:40:00.000Z'),
      { action: 'create' },
    ],
    [
      'nothing is detected when detection is blocked',
      { blockRequestDetection: true },
      'Exports fail',
      latest('open', '2026-03-02T09:58:00.000Z'),
      { action: 'ignore', reason: 'detection_blocked' },
    ],
    [
      'a zero-minute window groups only messages at the same instant',
      { groupingWindowMinutes: 0 },
      'Also imports',
      latest('open', '2026-03-02T09:59:59.000Z'),
      { action: 'create' },
    ],
  ])('%s', (_case, over, text, recent, expected) => {
    expect(decideTopLevel(settings(over), text, NOW, recent)).toEqual(expected);
  });
});

describe('decideThreadReply', () => {
  it.each<[string, Partial<DetectionSettings>, string, RequestStatus, ThreadReplyDecision]>([
    ['a reply on a live request is activity', {}, 'Any news?', 'open', { action: 'activity' }],
    ['a reply on a request on hold is activity', {}, 'Here', 'on_hold', { action: 'activity' }],
    [
      'a reply opens its own request when threads are not suppressed',
      { suppressOnNonClosedThreads: false },
      'Another problem',
      'in_progress',
      { action: 'create' },
    ],
    [
      'a pleasantry stays activity even when threads are not suppressed',
      { suppressOnNonClosedThreads: false },
      'thanks',
      'in_progress',
      { action: 'activity' },
    ],
    ['a reply reopens a closed request', {}, 'It broke again', 'closed', { action: 'reopen' }],
    [
      'a reply on a closed request opens a new one when reopening is off',
      { reopenClosed: false },
      'It broke again',
      'closed',
      { action: 'create' },
    ],
    [
      'a thank-you on a closed request is nothing when reopening is off',
      { reopenClosed: false },
      'thanks!',
      'closed',
      { action: 'ignore', reason: 'closed' },
    ],
    [
      'a reply on a discarded request opens a new one',
      {},
      'Please look',
      'discarded',
      { action: 'create' },
    ],
    [
      'a reply on a discarded request is nothing when discards block',
      { blockOnDiscarded: true },
      'Please look',
      'discarded',
      { action: 'ignore', reason: 'discarded' },
    ],
    [
      'a reply on a discarded request is nothing when detection is blocked',
      { blockRequestDetection: true },
      'Please look',
      'discarded',
      { action: 'ignore', reason: 'discarded' },
    ],
  ])('%s', (_case, over, text, status, expected) => {
    expect(decideThreadReply(settings(over), text, status)).toEqual(expected);
  });

  // suppress_requests_on_non_closed_ticket_threads: the request's helpdesk ticket is live.
  it.each<[string, Partial<DetectionSettings>, RequestStatus, ThreadReplyDecision]>([
    [
      'stays activity on a live request when threads are not suppressed',
      { suppressOnNonClosedThreads: false },
      'in_progress',
      { action: 'activity' },
    ],
    ['still reopens a closed request', {}, 'closed', { action: 'reopen' }],
    [
      'joins a closed request (no new one) when reopening is off',
      { reopenClosed: false },
      'closed',
      { action: 'ignore', reason: 'closed' },
    ],
    [
      'joins a discarded request (no new one)',
      {},
      'discarded',
      { action: 'ignore', reason: 'discarded' },
    ],
  ])('a reply on a live ticket %s', (_case, over, status, expected) => {
    expect(decideThreadReply(settings(over), 'Another problem', status, true)).toEqual(expected);
  });
});

describe('afterLostGrouping', () => {
  it.each<[string, Parameters<typeof afterLostGrouping>[0], 'done' | 'create']>([
    ['the message is already grouped (a retry)', { status: 'closed', groupedTs: ['2.0'] }, 'done'],
    ['the request is still live (a retry)', { status: 'in_progress', groupedTs: [] }, 'done'],
    ['the request closed meanwhile', { status: 'closed', groupedTs: [] }, 'create'],
    ['the request was discarded meanwhile', { status: 'discarded', groupedTs: [] }, 'create'],
    ['the request is gone', null, 'create'],
  ])('%s → %s', (_case, current, expected) => {
    expect(afterLostGrouping(current, '2.0')).toBe(expected);
  });
});

describe('requestText', () => {
  it.each<[string, string[], string]>([
    ['Exports fail', [], 'Exports fail'],
    ['See attached', ['error.log'], 'See attached\nerror.log'],
    ['', ['a.png', 'b.png'], 'a.png\nb.png'],
  ])('%j with %j → %j', (text, files, expected) => {
    expect(requestText(text, files)).toBe(expected);
  });
});

describe('detectionSettings', () => {
  it('reads the request settings under their seed names', () => {
    const features = Features.parse({
      requests: {
        config: {
          block_request_detection: true,
          conversation_grouping_window: 30,
          suppress_requests_on_non_closed_conversation_threads: false,
          reopen_closed_requests: false,
          block_new_request_creation_on_discard_request: true,
        },
      },
    });
    expect(detectionSettings(features)).toEqual({
      blockRequestDetection: true,
      groupingWindowMinutes: 30,
      suppressOnNonClosedThreads: false,
      reopenClosed: false,
      blockOnDiscarded: true,
    });
  });
});

describe('firstSeenKind', () => {
  it.each<[string, boolean, 'customer' | 'internal']>([
    ['acme-support', true, 'customer'], // Slack Connect
    ['ext-acme', false, 'customer'],
    ['EXT-acme', false, 'internal'], // the prefix is lower case, as Slack names are
    ['general', false, 'internal'],
  ])('#%s, shared %s → %s', (name, isExtShared, expected) => {
    expect(firstSeenKind({ name, isExtShared })).toBe(expected);
  });
});

describe('decideMessageChange', () => {
  it.each<
    [string, Parameters<typeof decideMessageChange>[0], ReturnType<typeof decideMessageChange>]
  >([
    ['an edited top-level message', { ts: '1.0' }, 'edit'],
    ['an edited thread root', { ts: '1.0', threadTs: '1.0' }, 'edit'],
    ['an edited reply', { ts: '2.0', threadTs: '1.0' }, 'edit_reply'],
    [
      'a deleted root with replies (tombstone)',
      { ts: '1.0', threadTs: '1.0', subtype: 'tombstone' },
      'discard',
    ],
    ['a tombstone of a reply', { ts: '2.0', threadTs: '1.0', subtype: 'tombstone' }, 'ignore'],
  ])('%s → %s', (_case, changed, expected) => {
    expect(decideMessageChange(changed)).toBe(expected);
  });
});
