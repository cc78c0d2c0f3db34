import { describe, expect, it } from '@jest/globals';
import { groupingCandidate, smartGrouping } from '../../../src/ai/grouping.js';
import type { DetectionSettings, RecentRequest } from '../../../src/requests/detection.js';

const settings: DetectionSettings = {
  blockRequestDetection: false,
  groupingWindowMinutes: 5,
  suppressOnNonClosedThreads: true,
  reopenClosed: true,
  blockOnDiscarded: false,
};
const now = new Date('2026-11-30T10:00:00Z');
const live: RecentRequest = {
  id: 'r1',
  status: 'open',
  lastTopLevelAt: new Date('2026-11-30T09:00:00Z'), // an hour ago: outside the 5-minute window
};

describe('groupingCandidate: when the model is asked', () => {
  it.each([
    ['a live request, heuristic creates', { action: 'create' }, live, 'r1'],
    ['a live request, heuristic groups', { action: 'group', requestId: 'r1' }, live, 'r1'],
    ['on hold counts as live', { action: 'create' }, { ...live, status: 'on_hold' }, 'r1'],
    ['a closed request', { action: 'create' }, { ...live, status: 'closed' }, undefined],
    ['no request', { action: 'create' }, undefined, undefined],
    ['a pleasantry', { action: 'ignore', reason: 'pleasantry' }, live, undefined],
    ['detection off', { action: 'ignore', reason: 'detection_blocked' }, live, undefined],
  ] as const)('%s → %s', (_, heuristic, latest, expected) => {
    expect(groupingCandidate(heuristic, latest)?.id).toBe(expected);
  });
});

describe('smartGrouping: the decision with the model’s answer', () => {
  it.each([
    [
      'same request, past the window → group',
      'Also PDF fails',
      { action: 'create' },
      { same_request: true },
      { action: 'group', requestId: 'r1' },
    ],
    [
      'new request, within the window → create',
      'How do I invite?',
      { action: 'group', requestId: 'r1' },
      { same_request: false },
      { action: 'create' },
    ],
    [
      'new request, but a pleasantry → ignored',
      'thanks!',
      { action: 'group', requestId: 'r1' },
      { same_request: false },
      { action: 'ignore', reason: 'pleasantry' },
    ],
    [
      'no usable answer → today’s decision',
      'Also PDF fails',
      { action: 'create' },
      undefined,
      { action: 'create' },
    ],
    [
      'no usable answer, in window → grouped',
      'Also PDF fails',
      { action: 'group', requestId: 'r1' },
      undefined,
      { action: 'group', requestId: 'r1' },
    ],
  ] as const)('%s', (_, text, heuristic, answer, expected) => {
    expect(smartGrouping(settings, text, now, heuristic, live, answer)).toEqual(expected);
  });
});
