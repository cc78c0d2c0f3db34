import {
  countsAsResponse,
  customerReplyMove,
  routeMessage,
  type MessageRoute,
} from '../../../src/requests/activity.js';
import type { RequestStatus } from '../../../src/requests/request.js';
import type { SenderKind } from '../../../src/requests/sender.js';

describe('routeMessage', () => {
  const TOP = { inThread: false, inRequestThread: false };
  const REQUEST_THREAD = { inThread: true, inRequestThread: true };
  const OTHER_THREAD = { inThread: true, inRequestThread: false };
  it.each<[SenderKind, typeof TOP, boolean, MessageRoute]>([
    // sender, place, auto_assign_thread_only, route
    ['ignored', REQUEST_THREAD, false, 'ignore'],
    ['ignored', TOP, false, 'ignore'],
    ['customer', TOP, false, 'customer_post'],
    ['customer', OTHER_THREAD, false, 'customer_post'],
    ['customer', REQUEST_THREAD, true, 'customer_reply'],
    ['agent', REQUEST_THREAD, true, 'agent_reply'],
    ['agent', TOP, false, 'agent_top_level'],
    ['agent', TOP, true, 'agent_elsewhere'],
    ['agent', OTHER_THREAD, false, 'agent_elsewhere'],
  ])('%s at %j, thread-only %s → %s', (sender, place, threadOnly, expected) => {
    expect(routeMessage(sender, place, { auto_assign_thread_only: threadOnly })).toBe(expected);
  });
});

describe('customerReplyMove', () => {
  it.each<['activity' | 'reopen', RequestStatus, boolean, RequestStatus | null]>([
    // decision, status before the reply, move_onhold_to_inprogress, new status
    ['reopen', 'closed', false, 'open'],
    ['activity', 'on_hold', true, 'in_progress'],
    ['activity', 'on_hold', false, null],
    ['activity', 'open', true, null],
    ['activity', 'in_progress', true, null],
  ])('%s on a request %s (resume %s) → %s', (decision, status, resume, expected) => {
    expect(customerReplyMove(decision, status, { move_onhold_to_inprogress: resume })).toBe(
      expected,
    );
  });
});

describe('countsAsResponse', () => {
  it.each<[RequestStatus, string | undefined, boolean]>([
    ['open', 'U0AGENT', true],
    ['in_progress', 'U0AGENT', true],
    ['on_hold', 'U0AGENT', true],
    ['closed', 'U0AGENT', false],
    ['discarded', 'U0AGENT', false],
    ['open', undefined, false], // a bot's message answers nobody
  ])('a reply on a request %s by %s: %s', (status, agent, expected) => {
    expect(countsAsResponse(status, agent)).toBe(expected);
  });
});
