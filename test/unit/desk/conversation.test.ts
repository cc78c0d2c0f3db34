import {
  CONVERSATION_STATUS,
  requestStatusesOf,
  statusToggle,
  type StatusToggle,
} from '../../../src/desk/conversation.js';
import type { RequestStatus } from '../../../src/requests/request.js';

describe('conversation status', () => {
  it.each<[RequestStatus, string]>([
    ['open', 'open'],
    ['in_progress', 'open'],
    ['on_hold', 'pending'],
    ['closed', 'resolved'],
    ['discarded', 'resolved'],
  ])('a request %s reads as %s', (status, conversation) => {
    expect(CONVERSATION_STATUS[status]).toBe(conversation);
  });

  it.each<[Parameters<typeof requestStatusesOf>[0], RequestStatus[]]>([
    ['open', ['open', 'in_progress']],
    ['pending', ['on_hold']],
    ['resolved', ['closed', 'discarded']],
    ['snoozed', []],
    ['all', ['open', 'in_progress', 'on_hold', 'closed', 'discarded']],
  ])('the filter %s matches %j', (filter, statuses) => {
    expect(requestStatusesOf(filter)).toEqual(statuses);
  });
});

describe('statusToggle', () => {
  const to = (status: RequestStatus): StatusToggle => ({
    kind: 'command',
    command: { kind: 'status', to: status },
  });
  it.each<[RequestStatus, 'open' | 'resolved' | 'pending', StatusToggle]>([
    ['open', 'resolved', to('closed')],
    ['in_progress', 'resolved', to('closed')],
    ['on_hold', 'resolved', to('closed')],
    ['closed', 'resolved', { kind: 'unchanged' }],
    ['discarded', 'resolved', { kind: 'unchanged' }],
    ['closed', 'open', to('open')],
    ['on_hold', 'open', to('in_progress')],
    ['in_progress', 'open', { kind: 'unchanged' }],
    ['open', 'pending', to('on_hold')],
    ['in_progress', 'pending', to('on_hold')],
    ['on_hold', 'pending', { kind: 'unchanged' }],
    [
      'closed',
      'pending',
      {
        kind: 'refused',
        reason: 'a closed request must be reopened (open) before it can be pending',
      },
    ],
    ['discarded', 'open', { kind: 'refused', reason: 'a discarded request cannot be reopened' }],
    ['discarded', 'pending', { kind: 'refused', reason: 'a discarded request cannot be reopened' }],
  ])('%s → %s', (current, target, expected) => {
    expect(statusToggle(current, target)).toEqual(expected);
  });
});
