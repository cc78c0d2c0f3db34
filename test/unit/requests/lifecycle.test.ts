import {
  canTransition,
  LIVE_STATUSES,
  openedRequest,
  sourcesOf,
  statusChange,
} from '../../../src/requests/lifecycle.js';
import type { RequestStatus } from '../../../src/requests/request.js';

const AT = new Date('2026-03-02T10:00:00.000Z');

describe('canTransition', () => {
  it.each<[RequestStatus, RequestStatus, boolean]>([
    ['open', 'in_progress', true],
    ['open', 'on_hold', true],
    ['open', 'closed', true],
    ['open', 'discarded', true],
    ['open', 'open', false],
    ['in_progress', 'on_hold', true],
    ['in_progress', 'closed', true],
    ['in_progress', 'discarded', true],
    ['in_progress', 'open', false],
    ['on_hold', 'in_progress', true],
    ['on_hold', 'closed', true],
    ['on_hold', 'open', false],
    ['closed', 'open', true],
    ['closed', 'in_progress', false],
    ['closed', 'discarded', false],
    ['discarded', 'open', false],
    ['discarded', 'closed', false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe('sourcesOf', () => {
  it.each<[RequestStatus, RequestStatus[]]>([
    ['open', ['closed']],
    ['in_progress', ['open', 'on_hold']],
    ['on_hold', ['open', 'in_progress']],
    ['closed', ['open', 'in_progress', 'on_hold']],
    ['discarded', ['open', 'in_progress', 'on_hold']],
  ])('a request may move to %s from %j', (to, from) => {
    expect(sourcesOf(to)).toEqual(from);
  });

  it('lists the live statuses', () => {
    expect(LIVE_STATUSES).toEqual(['open', 'in_progress', 'on_hold']);
  });
});

describe('statusChange', () => {
  it.each<[RequestStatus, RequestStatus, object]>([
    ['in_progress', 'closed', { status: 'closed', closedAt: AT }],
    ['closed', 'open', { status: 'open', closedAt: null, closeReason: null }],
    ['open', 'on_hold', { status: 'on_hold' }],
    ['on_hold', 'discarded', { status: 'discarded' }],
  ])('%s → %s sets %j', (from, to, set) => {
    expect(statusChange(from, to, 'U0AGENT', AT)).toEqual({
      set,
      entry: { at: AT, type: 'status', from, to, by: 'U0AGENT' },
    });
  });

  it('records a close’s reason on the request and in the entry (only for a close)', () => {
    expect(statusChange('open', 'closed', 'U0CAROL', AT, 'deflected')).toEqual({
      set: { status: 'closed', closedAt: AT, closeReason: 'deflected' },
      entry: {
        at: AT,
        type: 'status',
        from: 'open',
        to: 'closed',
        by: 'U0CAROL',
        reason: 'deflected',
      },
    });
    expect(statusChange('open', 'on_hold', 'U0CAROL', AT, 'deflected').entry).not.toHaveProperty(
      'reason',
    );
  });
});

describe('openedRequest', () => {
  const input = {
    teamId: 'T0OURS',
    channelId: 'C0ACME',
    rootTs: '1772445600.000100',
    requesterId: 'U0CUSTOMER',
    text: 'Exports fail',
    at: AT,
  };

  it('opens unassigned, the customer active at the message’s time', () => {
    expect(openedRequest(input)).toEqual({
      ...input,
      at: undefined,
      source: 'slack',
      groupedTs: [],
      status: 'open',
      assigneeId: null,
      createdAt: AT,
      lastCustomerActivityAt: AT,
      tags: [],
      severity: null,
      priority: null,
      history: [{ at: AT, type: 'status', from: null, to: 'open', by: 'U0CUSTOMER' }],
    });
  });

  it('records where the customer wrote from (an e-mail, the web form)', () => {
    expect(openedRequest({ ...input, source: 'web' }).source).toBe('web');
  });

  it('opens with the attributes its conversation_created rules set, their history after its own', () => {
    const by = 'rule:r1:Exports';
    const history = [{ at: AT, type: 'tags', from: null, to: 'export', by }];
    const opening = { tags: ['export'], severity: 'high', priority: 'urgent' as const, history };
    const opened = openedRequest({ ...input, opening });
    expect(opened).toMatchObject({ tags: ['export'], severity: 'high', priority: 'urgent' });
    expect(opened.history).toEqual([
      { at: AT, type: 'status', from: null, to: 'open', by: 'U0CUSTOMER' },
      ...history,
    ]);
  });

  it('records the bot’s assignment when it starts assigned', () => {
    const opened = openedRequest({ ...input, assigneeId: 'U0CSM' });
    expect(opened.assigneeId).toBe('U0CSM');
    expect(opened.history).toEqual([
      { at: AT, type: 'status', from: null, to: 'open', by: 'U0CUSTOMER' },
      { at: AT, type: 'assign', from: null, to: 'U0CSM', by: 'bot' },
    ]);
  });
});
